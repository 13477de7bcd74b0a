/**
 * Replaces out/ as a whole: the new tree is written beside it and swapped in with renames, so a
 * failed build, a crash or a full disk never leaves a half-written out/. A kill between the two
 * renames leaves the old tree under a known name, and the next run puts it back before anything
 * else.
 */
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
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { DacError } from '../core/diagnostic.js';
import type { OutFiles } from '../emit/files.js';
import { environmentError } from './environment-errors.js';
import { withLock } from './lock.js';
import { assertReplaceable, entriesUnder, MARKER, markerText } from './ownership.js';
import { fileHoldsText } from './same-bytes.js';

export interface WriteResult {
  written: number;
  unchanged: boolean;
  /** Leftovers of the old tree that could not be removed (reported, never fatal). */
  warnings: string[];
}

/** The steps of a write, in order; a test kills the process at each to prove none loses a tree. */
export type WriteStep = 'locked' | 'staging' | 'writing' | 'staged' | 'retired' | 'swapped' | 'done';

export interface WriteOptions {
  /** The project whose sources no output folder may replace or hold. */
  projectRoot?: string;
  /** Called as each step is reached. */
  onStep?: (step: WriteStep) => void;
}

const shown = (dir: string) => path.relative(process.cwd(), dir) || '.';

function writeProblem(dir: string, message: string, hint: string): DacError {
  return new DacError([{ severity: 'error', check: 'write', where: { file: shown(dir), path: [] }, message, hint }], 2);
}

/** Relative paths (with `/`) of the regular files under `dir`, the marker aside; none when it does not exist. */
function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) {
    throw writeProblem(dir, 'is a file, not a folder', 'move the file away, or pass --out <folder> to build somewhere else');
  }
  return entriesUnder(dir).filter((rel) => rel !== MARKER && statSync(path.join(dir, rel)).isFile());
}

/** The tree as dac wrote it, without its ownership marker. */
export function readTree(dir: string): OutFiles {
  const target = realOutDir(dir);
  try {
    return new Map(listTree(target).map((rel) => [rel, readFileSync(path.join(target, rel), 'utf8')]));
  } catch (err) {
    throw environmentError(err, target, 'read') ?? err;
  }
}

/**
 * The files under `dir` that already hold their new text, read one at a time (a second copy of a
 * large tree in memory would double the build's peak), and whether the tree is exactly `files`.
 */
function currentFiles(dir: string, files: OutFiles, marker: string): { same: boolean; kept: Set<string> } {
  const paths = listTree(dir);
  const kept = new Set<string>();
  for (const rel of paths) {
    const text = files.get(rel);
    if (text !== undefined && fileHoldsText(path.join(dir, rel), text)) kept.add(rel);
  }
  let markerCurrent = false;
  try {
    markerCurrent = readFileSync(path.join(dir, MARKER), 'utf8') === marker;
  } catch {
    // no marker yet: the tree is rewritten to gain one
  }
  return { same: markerCurrent && paths.length === files.size && kept.size === files.size, kept };
}

/**
 * The folder to replace. When out/ is a symbolic link (to a provisioning volume, a shared folder),
 * the folder it points to is replaced and the link stays: renaming the link itself would turn it
 * into a plain folder and leave the target stale.
 */
function realOutDir(outDir: string): string {
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
    return path.resolve(path.dirname(abs), readlinkSync(abs)); // a dangling link: build where it points
  }
}

const leftoverPrefixes = (base: string) => [`.${base}.new-`, `.${base}.old-`];

/**
 * Puts back a tree a killed build left retired but not replaced, then clears the staging and
 * retired trees of killed or failed builds. Only the lock holder writes these names, so any found
 * now are leftovers; one that cannot be removed is reported and never blocks the build.
 */
function recover(target: string, parent: string, base: string): string[] {
  const [newPrefix, oldPrefix] = leftoverPrefixes(base) as [string, string];
  const leftovers = readdirSync(parent).filter((n) => n.startsWith(newPrefix) || n.startsWith(oldPrefix));
  if (!existsSync(target)) {
    const retired = leftovers.filter((n) => n.startsWith(oldPrefix)).sort();
    const last = retired[retired.length - 1];
    if (last !== undefined) renameSync(path.join(parent, last), target);
  }
  const warnings: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(newPrefix) && !name.startsWith(oldPrefix)) continue;
    try {
      rmSync(path.join(parent, name), { recursive: true, force: true });
    } catch (err) {
      warnings.push(
        `could not remove ${shown(path.join(parent, name))} (${(err as NodeJS.ErrnoException).code ?? err}); delete it by hand`,
      );
    }
  }
  return warnings;
}

/** Every folder under `dir` must be writable, or its files could not be removed after the swap. */
function assertRemovable(dir: string): void {
  if (!existsSync(dir)) return;
  const check = (folder: string) => {
    try {
      accessSync(folder, constants.W_OK | constants.X_OK);
    } catch (err) {
      throw environmentError(err, folder, 'replace') ?? err;
    }
    for (const entry of readdirSync(folder, { withFileTypes: true })) if (entry.isDirectory()) check(path.join(folder, entry.name));
  };
  check(dir);
}

/** Brings back a complete out/ after a killed build, without building. */
export function recoverTree(outDir: string): string[] {
  const target = realOutDir(outDir);
  const parent = path.dirname(target);
  if (!existsSync(parent)) return [];
  const base = path.basename(target);
  return withLock(path.join(parent, `.${base}.lock`), target, () => recover(target, parent, base));
}

export function writeTree(outDir: string, files: OutFiles, options: WriteOptions = {}): WriteResult {
  const target = realOutDir(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const step = options.onStep ?? (() => undefined);
  assertReplaceable(target, options.projectRoot, new Set(files.keys()));
  try {
    mkdirSync(parent, { recursive: true });
    return withLock(path.join(parent, `.${base}.lock`), target, () => {
      step('locked');
      const warnings = recover(target, parent, base);
      // Checked again under the lock: the tree put back may be older than the one checked above.
      assertReplaceable(target, options.projectRoot, new Set(files.keys()));
      const result = replaceTree(target, parent, base, files, step);
      return { ...result, warnings: [...warnings, ...result.warnings] };
    });
  } catch (err) {
    throw environmentError(err, target, 'write') ?? err;
  }
}

function replaceTree(outDir: string, parent: string, base: string, files: OutFiles, step: (s: WriteStep) => void): WriteResult {
  const marker = markerText(files.keys());
  const { same, kept } = currentFiles(outDir, files, marker);
  if (same) return { written: 0, unchanged: true, warnings: [] };
  assertRemovable(outDir);

  const staging = path.join(parent, `.${base}.new-${process.pid}`);
  const retired = path.join(parent, `.${base}.old-${process.pid}`);
  const warnings: string[] = [];
  try {
    mkdirSync(staging, { recursive: true });
    step('staging');
    const made = new Set<string>();
    let wroteOne = false;
    for (const [rel, text] of files) {
      const file = path.join(staging, rel);
      const folder = path.dirname(file);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      // An unchanged file is linked from the current tree, not written again: a one-line edit at
      // 200 services rewrites one file, not a hundred megabytes. The old tree is deleted below, so
      // no file stays shared; where links are not supported, the text is written.
      if (kept.has(rel)) {
        try {
          linkSync(path.join(outDir, rel), file);
          continue;
        } catch {
          // fall through to writing
        }
      }
      writeFileSync(file, text);
      if (!wroteOne) step('writing');
      wroteOne = true;
    }
    writeFileSync(path.join(staging, MARKER), marker);
    step('staged');
    const hadOut = existsSync(outDir);
    if (hadOut) renameSync(outDir, retired);
    step('retired');
    try {
      renameSync(staging, outDir);
    } catch (err) {
      if (hadOut) renameSync(retired, outDir);
      throw err;
    }
    step('swapped');
    try {
      rmSync(retired, { recursive: true, force: true });
    } catch (err) {
      warnings.push(`could not remove the old tree ${shown(retired)} (${(err as NodeJS.ErrnoException).code ?? err}); delete it by hand`);
    }
    step('done');
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { written: files.size, unchanged: false, warnings };
}
