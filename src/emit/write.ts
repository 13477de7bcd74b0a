/**
 * Replaces out/ as a whole: the new tree is written beside it and swapped in with renames, so a
 * failed build, a crash or a full disk never leaves a half-written out/.
 */
import {
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
import { threadId } from 'node:worker_threads';
import { DacError } from '../core/diagnostic.js';
import type { OutFiles } from './files.js';

export interface WriteResult {
  written: number;
  unchanged: boolean;
}

const shown = (dir: string) => path.relative(process.cwd(), dir) || '.';

function writeProblem(dir: string, message: string, hint: string): DacError {
  return new DacError([{ severity: 'error', check: 'write', where: { file: shown(dir), path: [] }, message, hint }]);
}

/** Relative paths (with `/`) of the regular files under `dir`; none when it does not exist. */
function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) {
    throw writeProblem(dir, 'is a file, not a folder', 'move the file away, or pass --out <folder> to build somewhere else');
  }
  const paths: string[] = [];
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

export function readTree(dir: string): OutFiles {
  return new Map(listTree(dir).map((rel) => [rel, readFileSync(path.join(dir, rel), 'utf8')]));
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

const LOCK_WAIT_MS = 60_000;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function holderAlive(holder: string): boolean {
  const [pid, thread] = holder.split(':').map(Number);
  if (!pid) return false;
  // A write runs synchronously, so this very thread cannot be in the middle of another one.
  if (pid === process.pid) return thread !== threadId;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Two builds writing one out/ at once would swap each other's folders away mid-rename, or link files
 * of one tree into the other: the second waits for the first. A lock left by a build that was killed
 * names a process that is gone, and is taken over.
 */
function withLock<T>(lock: string, outDir: string, fn: () => T): T {
  const me = `${process.pid}:${threadId}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      writeFileSync(lock, me, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: string;
    try {
      holder = readFileSync(lock, 'utf8');
    } catch {
      continue; // released between the two calls
    }
    if (!holderAlive(holder)) rmSync(lock, { force: true });
    else if (Date.now() > deadline)
      throw writeProblem(
        outDir,
        `another dac build (process ${holder.split(':')[0]}) has been writing this folder for ${LOCK_WAIT_MS / 1000} s`,
        `wait for it to finish; if no dac is running, delete ${shown(lock)}`,
      );
    else sleep(50);
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

export function writeTree(outDir: string, files: OutFiles): WriteResult {
  const target = realOutDir(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  mkdirSync(parent, { recursive: true });
  return withLock(path.join(parent, `.${base}.lock`), target, () => {
    // A build killed mid-write (Ctrl-C, OOM) leaves its staging or retired tree here; only the lock
    // holder writes these names, so any found now are such leftovers.
    for (const name of readdirSync(parent))
      if (name.startsWith(`.${base}.new-`) || name.startsWith(`.${base}.old-`))
        rmSync(path.join(parent, name), { recursive: true, force: true });
    return replaceTree(target, parent, base, files);
  });
}

function replaceTree(outDir: string, parent: string, base: string, files: OutFiles): WriteResult {
  const { same, kept } = currentFiles(outDir, files);
  if (same) return { written: 0, unchanged: true };

  const staging = path.join(parent, `.${base}.new-${process.pid}`);
  const retired = path.join(parent, `.${base}.old-${process.pid}`);
  try {
    mkdirSync(staging, { recursive: true });
    const made = new Set<string>();
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
    }
    const hadOut = existsSync(outDir);
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
