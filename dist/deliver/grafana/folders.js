import { slug } from "../../emit/formats/slug.js";
import { boundedUid, UID_MAX } from "../../core/uid.js";
function folderUid(titles) {
  const exact = titles.join("/");
  const words = slug(titles.join("-"));
  const readable = `dac-${words}`;
  const lossy = /[^\x20-\x7e]/.test(exact.normalize("NFKD").replace(new RegExp("\\p{M}", "gu"), ""));
  if (!lossy && readable.length <= UID_MAX) return readable;
  return boundedUid(lossy && words === "general" ? "dac-folder" : readable, exact);
}
function folderChain(path) {
  const parts = path.split("/").map((p) => p.trim()).filter(Boolean);
  const chain = [];
  parts.forEach((title, i) => {
    const uid = folderUid(parts.slice(0, i + 1));
    chain.push({ uid, title, ...i > 0 ? { parentUid: chain[i - 1].uid } : {} });
  });
  return chain;
}
export {
  folderChain
};
