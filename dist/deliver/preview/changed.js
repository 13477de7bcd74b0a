import { execFileSync } from "node:child_process";
import path from "node:path";
const git = (cwd, args) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
function dashboardsAt(projectDir, outDir, ref) {
  try {
    git(projectDir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new Error(`--changed-since ${ref}: not a commit in the git repository at ${projectDir}`);
  }
  const prefix = git(projectDir, ["rev-parse", "--show-prefix"]).trim();
  const folder = path.posix.join(
    prefix,
    path.relative(projectDir, path.resolve(projectDir, outDir)).split(path.sep).join("/"),
    "dashboards"
  );
  const listing = git(projectDir, ["ls-tree", "--name-only", `${ref}:${folder}`]).split("\n").filter((f) => f.endsWith(".json"));
  const out = /* @__PURE__ */ new Map();
  for (const name of listing) {
    const text = git(projectDir, ["show", `${ref}:${folder}/${name}`]);
    const json = JSON.parse(text);
    out.set(json.uid ?? name.replace(/\.json$/, ""), { text, json });
  }
  return out;
}
function changedDashboards(before, now) {
  const after = new Map(now.map((d) => [d.uid ?? "", d]));
  const changes = [];
  for (const [uid, d] of after) {
    const old = before.get(uid);
    if (!old) changes.push({ uid, change: "added", after: d });
    else if (JSON.stringify(old.json) !== JSON.stringify(d)) changes.push({ uid, change: "modified", before: old.json, after: d });
  }
  for (const [uid, old] of before) if (!after.has(uid)) changes.push({ uid, change: "removed", before: old.json });
  return changes.sort((a, b) => a.uid.localeCompare(b.uid));
}
export {
  changedDashboards,
  dashboardsAt
};
