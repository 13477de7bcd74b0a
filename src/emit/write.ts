/**
 * Replaces out/ as a whole: the new tree is written beside it and swapped in with renames, so a
 * failed build, a crash or a full disk never leaves a half-written out/.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OutFiles } from './files.js';

export function readTree(dir: string): OutFiles {
  const files: OutFiles = new Map();
  if (!existsSync(dir)) return files;
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relPath = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relPath);
      else if (entry.isFile()) files.set(relPath, readFileSync(path.join(dir, relPath), 'utf8'));
    }
  };
  walk('');
  return files;
}

export interface WriteResult {
  written: number;
  unchanged: boolean;
}

/** Relative paths of the regular files under `dir`, as readTree lists them. */
function listTree(dir: string): string[] {
  const paths: string[] = [];
  if (!existsSync(dir)) return paths;
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relPath = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relPath);
      else if (entry.isFile()) paths.push(relPath);
    }
  };
  walk('');
  return paths;
}

/**
 * The files under `dir` that already hold their new text, read one at a time (a second copy of a
 * large tree in memory would double the build's peak), and whether the tree is exactly `files`.
 */
function currentFiles(dir: string, files: OutFiles): { same: boolean; kept: Set<string> } {
  const paths = listTree(dir);
  const kept = new Set<string>();
  for (const rel of paths) {
    const text = files.get(rel);
    if (text !== undefined && readFileSync(path.join(dir, rel), 'utf8') === text) kept.add(rel);
  }
  return { same: paths.length === files.size && kept.size === files.size, kept };
}

export function writeTree(outDir: string, files: OutFiles): WriteResult {
  const { same, kept } = currentFiles(outDir, files);
  if (same) return { written: 0, unchanged: true };

  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(path.resolve(outDir));
  const staging = path.join(parent, `.${base}.new-${process.pid}`);
  const retired = path.join(parent, `.${base}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    const made = new Set<string>();
    for (const [rel, text] of files) {
      const target = path.join(staging, rel);
      const folder = path.dirname(target);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      // An unchanged file is linked from the current tree, not written again: a one-line edit at
      // 200 services rewrites one file, not a hundred megabytes. The old tree is deleted below, so
      // no file stays shared; where links are not supported, the text is written.
      if (kept.has(rel)) {
        try {
          linkSync(path.join(outDir, rel), target);
          continue;
        } catch {
          // fall through to writing
        }
      }
      writeFileSync(target, text);
    }
    const hadOut = existsSync(outDir) && statSync(outDir).isDirectory();
    if (hadOut) renameSync(outDir, retired);
    try {
      renameSync(staging, outDir);
    } catch (err) {
      if (hadOut) renameSync(retired, outDir);
      throw err;
    }
    rmSync(retired, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { written: files.size, unchanged: false };
}
