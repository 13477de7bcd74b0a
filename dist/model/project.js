import { readFileSync } from "node:fs";
import path from "node:path";
import { projectTag } from "../core/project.js";
function packageName(root) {
  try {
    const name = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).name;
    return typeof name === "string" && name.trim() !== "" ? name.trim() : void 0;
  } catch {
    return void 0;
  }
}
function projectIdentity(root, config, configFile, problems) {
  const declared = config?.project;
  if (declared !== void 0 && (typeof declared !== "string" || !/^\S(.*\S)?$/.test(declared))) {
    problems.push({
      severity: "error",
      check: "config",
      where: { file: configFile, path: ["project"] },
      message: `must be a non-empty name without surrounding spaces, got ${JSON.stringify(declared)}`,
      hint: "write it like project: 'shop-monitoring': `dac push --prune` deletes only dashboards of this project"
    });
  }
  const id = typeof declared === "string" && declared.trim() !== "" ? declared.trim() : packageName(root) ?? path.basename(path.resolve(root));
  return { id, tag: projectTag(id) };
}
export {
  projectIdentity
};
