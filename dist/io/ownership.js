import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { DacError } from "../core/diagnostic.js";
const MARKER = ".dac-output";
const MARKER_HEADER = [
  "# This folder is written by dac (`dac build`) and replaced as a whole on every build.",
  "# dac refuses to replace a folder that holds files not listed below. Do not edit."
];
const SOURCES = ["dashboards", "rules", "src", "node_modules", ".git"];
function markerText(paths) {
  return `${[...MARKER_HEADER, ...[...paths].sort()].join("\n")}
`;
}
function markedFiles(dir) {
  let text;
  try {
    text = readFileSync(path.join(dir, MARKER), "utf8");
  } catch {
    return void 0;
  }
  if (!text.startsWith(MARKER_HEADER[0])) return void 0;
  return new Set(text.split("\n").filter((line) => line !== "" && !line.startsWith("#")));
}
const shown = (dir) => path.relative(process.cwd(), dir) || ".";
function refuse(dir, message, hint) {
  return new DacError([{ severity: "error", check: "write/ownership", where: { file: shown(dir), path: [] }, message, hint }], 2);
}
const real = (p) => {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};
const within = (inner, outer) => inner === outer || inner.startsWith(outer + path.sep);
function entriesUnder(dir) {
  return [...walkEntries(dir)];
}
function* walkEntries(dir, sub = "") {
  for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walkEntries(dir, rel);
    else yield rel;
  }
}
function assertReplaceable(target, projectRoot, files) {
  const dir = real(target);
  if (projectRoot !== void 0) {
    const root = real(projectRoot);
    if (within(root, dir))
      throw refuse(
        target,
        dir === root ? "is the project folder itself; a build replaces its output folder as a whole" : "contains the project folder",
        "pass --out <folder> naming a folder of its own inside the project, such as out"
      );
    for (const name of SOURCES) {
      const source = path.join(root, name);
      if (!existsSync(source)) continue;
      const src = real(source);
      if (within(dir, src) || within(src, dir))
        throw refuse(
          target,
          `${dir === src ? "is" : within(dir, src) ? "is inside" : "contains"} the project's ${name}/ folder, which dac never replaces`,
          "pass --out <folder> naming a folder of its own inside the project, such as out"
        );
    }
  }
  if (!existsSync(dir)) return;
  if (!lstatSync(dir).isDirectory()) return;
  const marked = markedFiles(dir);
  const foreign = [];
  for (const rel of walkEntries(dir)) {
    if (rel !== MARKER && !(marked ?? files).has(rel)) foreign.push(rel);
    if (foreign.length > 3) break;
  }
  if (foreign.length > 0) {
    const sample = foreign.slice(0, 3).join(", ") + (foreign.length > 3 ? ", \u2026" : "");
    throw refuse(
      target,
      marked ? `holds files dac did not write: ${sample}` : `is not a dac output folder (no ${MARKER} marker) and holds files this build would not write: ${sample}`,
      "move those files out of the folder (dac never deletes what it did not create), or pass --out <folder> to build elsewhere"
    );
  }
}
export {
  MARKER,
  assertReplaceable,
  entriesUnder,
  markerText
};
