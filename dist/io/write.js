import {
  accessSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import path from "node:path";
import { DacError } from "../core/diagnostic.js";
import { environmentError } from "./environment-errors.js";
import { withLock } from "./lock.js";
import { assertReplaceable, entriesUnder, MARKER, markerText } from "./ownership.js";
const shown = (dir) => path.relative(process.cwd(), dir) || ".";
function writeProblem(dir, message, hint) {
  return new DacError([{ severity: "error", check: "write", where: { file: shown(dir), path: [] }, message, hint }], 2);
}
function listTree(dir) {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) {
    throw writeProblem(dir, "is a file, not a folder", "move the file away, or pass --out <folder> to build somewhere else");
  }
  return entriesUnder(dir).filter((rel) => rel !== MARKER && statSync(path.join(dir, rel)).isFile());
}
function readTree(dir) {
  const target = realOutDir(dir);
  try {
    return new Map(listTree(target).map((rel) => [rel, readFileSync(path.join(target, rel), "utf8")]));
  } catch (err) {
    throw environmentError(err, target, "read") ?? err;
  }
}
function currentFiles(dir, files, marker) {
  const paths = listTree(dir);
  const kept = /* @__PURE__ */ new Set();
  for (const rel of paths) {
    const text = files.get(rel);
    if (text !== void 0 && readFileSync(path.join(dir, rel), "utf8") === text) kept.add(rel);
  }
  let markerCurrent = false;
  try {
    markerCurrent = readFileSync(path.join(dir, MARKER), "utf8") === marker;
  } catch {
  }
  return { same: markerCurrent && paths.length === files.size && kept.size === files.size, kept };
}
function realOutDir(outDir) {
  const abs = path.resolve(outDir);
  let stat;
  try {
    stat = lstatSync(abs);
  } catch {
    return abs;
  }
  if (!stat.isSymbolicLink()) return abs;
  try {
    return realpathSync(abs);
  } catch {
    return path.resolve(path.dirname(abs), readlinkSync(abs));
  }
}
const leftoverPrefixes = (base) => [`.${base}.new-`, `.${base}.old-`];
function recover(target, parent, base) {
  const [newPrefix, oldPrefix] = leftoverPrefixes(base);
  const leftovers = readdirSync(parent).filter((n) => n.startsWith(newPrefix) || n.startsWith(oldPrefix));
  if (!existsSync(target)) {
    const retired = leftovers.filter((n) => n.startsWith(oldPrefix)).sort();
    const last = retired[retired.length - 1];
    if (last !== void 0) renameSync(path.join(parent, last), target);
  }
  const warnings = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(newPrefix) && !name.startsWith(oldPrefix)) continue;
    try {
      rmSync(path.join(parent, name), { recursive: true, force: true });
    } catch (err) {
      warnings.push(
        `could not remove ${shown(path.join(parent, name))} (${err.code ?? err}); delete it by hand`
      );
    }
  }
  return warnings;
}
function assertRemovable(dir) {
  if (!existsSync(dir)) return;
  const check = (folder) => {
    try {
      accessSync(folder, constants.W_OK | constants.X_OK);
    } catch (err) {
      throw environmentError(err, folder, "replace") ?? err;
    }
    for (const entry of readdirSync(folder, { withFileTypes: true })) if (entry.isDirectory()) check(path.join(folder, entry.name));
  };
  check(dir);
}
function recoverTree(outDir) {
  const target = realOutDir(outDir);
  const parent = path.dirname(target);
  if (!existsSync(parent)) return [];
  const base = path.basename(target);
  return withLock(path.join(parent, `.${base}.lock`), target, () => recover(target, parent, base));
}
function writeTree(outDir, files, options = {}) {
  const target = realOutDir(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const step = options.onStep ?? (() => void 0);
  assertReplaceable(target, options.projectRoot, new Set(files.keys()));
  try {
    mkdirSync(parent, { recursive: true });
    return withLock(path.join(parent, `.${base}.lock`), target, () => {
      step("locked");
      const warnings = recover(target, parent, base);
      assertReplaceable(target, options.projectRoot, new Set(files.keys()));
      const result = replaceTree(target, parent, base, files, step);
      return { ...result, warnings: [...warnings, ...result.warnings] };
    });
  } catch (err) {
    throw environmentError(err, target, "write") ?? err;
  }
}
function replaceTree(outDir, parent, base, files, step) {
  const marker = markerText(files.keys());
  const { same, kept } = currentFiles(outDir, files, marker);
  if (same) return { written: 0, unchanged: true, warnings: [] };
  assertRemovable(outDir);
  const staging = path.join(parent, `.${base}.new-${process.pid}`);
  const retired = path.join(parent, `.${base}.old-${process.pid}`);
  const warnings = [];
  try {
    mkdirSync(staging, { recursive: true });
    step("staging");
    const made = /* @__PURE__ */ new Set();
    let wroteOne = false;
    for (const [rel, text] of files) {
      const file = path.join(staging, rel);
      const folder = path.dirname(file);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      if (kept.has(rel)) {
        try {
          linkSync(path.join(outDir, rel), file);
          continue;
        } catch {
        }
      }
      writeFileSync(file, text);
      if (!wroteOne) step("writing");
      wroteOne = true;
    }
    writeFileSync(path.join(staging, MARKER), marker);
    step("staged");
    const hadOut = existsSync(outDir);
    if (hadOut) renameSync(outDir, retired);
    step("retired");
    try {
      renameSync(staging, outDir);
    } catch (err) {
      if (hadOut) renameSync(retired, outDir);
      throw err;
    }
    step("swapped");
    try {
      rmSync(retired, { recursive: true, force: true });
    } catch (err) {
      warnings.push(`could not remove the old tree ${shown(retired)} (${err.code ?? err}); delete it by hand`);
    }
    step("done");
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { written: files.size, unchanged: false, warnings };
}
export {
  readTree,
  recoverTree,
  writeTree
};
