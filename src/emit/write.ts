/**
 * Replaces out/ as a whole: the new tree is written beside it and swapped in with renames, so a
 * failed build, a crash or a full disk never leaves a half-written out/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * Whether `dir` already holds exactly `files`. One file at a time, stopping
 * at the first difference: holding a second copy of a large tree would double the build's memory.
 */
function treeHolds(dir: string, files: OutFiles): boolean {
  const paths = listTree(dir);
  if (paths.length !== files.size || !paths.every((p) => files.has(p))) return false;
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    if (readFileSync(file, 'utf8') !== text) return false;
  }
  return true;
}

export function writeTree(outDir: string, files: OutFiles): WriteResult {
  if (treeHolds(outDir, files)) return { written: 0, unchanged: true };

  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(path.resolve(outDir));
  const staging = path.join(parent, `.${base}.new-${process.pid}`);
  const retired = path.join(parent, `.${base}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    for (const [rel, text] of files) {
      const target = path.join(staging, rel);
      mkdirSync(path.dirname(target), { recursive: true });
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
