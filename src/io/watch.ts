/**
 * What `dac watch` watches: dac.config.*, and every file under dashboards/ and rules/ (rules/slo/
 * specs included). Events only say "look again": after a quiet moment the files are read and
 * compared by content with the last look, so an editor's rename-on-save, a temporary file or a
 * save that rewrites the same bytes never reads as a change, and a burst of events is one change.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

const CONFIG = /^dac\.config\.(ts|mts|js|mjs)$/;
/** Sources dac reads; editors' swap, backup and lock files (.x.swp, x~, .#x) are not among them. */
const WATCHED = /^[^.#].*\.(ts|mts|js|mjs|ya?ml|json)$/;
const TREES = ['dashboards', 'rules'];

export type Snapshot = Map<string, string>;

/** Project-relative paths (forward slashes) of the watched files, with a digest of each. */
export function snapshot(root: string): Snapshot {
  const files: Snapshot = new Map();
  const add = (rel: string) => {
    try {
      files.set(
        rel,
        createHash('sha1')
          .update(readFileSync(path.join(root, rel)))
          .digest('hex'),
      );
    } catch {
      // gone between listing and reading (a rename in progress): the next look sees where it went
    }
  };
  for (const name of safeList(root)) if (CONFIG.test(name)) add(name);
  for (const dir of watchedDirs(root))
    for (const e of safeEntries(path.join(root, dir))) if (e.isFile() && WATCHED.test(e.name)) add(`${dir}/${e.name}`);
  return files;
}

/** The paths added, changed or removed between two looks, sorted. */
export function changedFiles(before: Snapshot, after: Snapshot): string[] {
  const changed = new Set<string>();
  for (const [file, digest] of after) if (before.get(file) !== digest) changed.add(file);
  for (const file of before.keys()) if (!after.has(file)) changed.add(file);
  return [...changed].sort();
}

/** dashboards/ and rules/ and every folder under them, project-relative. */
function watchedDirs(root: string): string[] {
  const dirs: string[] = [];
  const walk = (rel: string) => {
    dirs.push(rel);
    for (const e of safeEntries(path.join(root, rel))) if (e.isDirectory() && !e.name.startsWith('.')) walk(`${rel}/${e.name}`);
  };
  for (const tree of TREES) if (safeEntries(root).some((e) => e.name === tree && e.isDirectory())) walk(tree);
  return dirs;
}

function safeEntries(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

const safeList = (dir: string) => safeEntries(dir).map((e) => e.name);

export interface Watch {
  close(): void;
}

/**
 * Calls `onChange` with the changed paths once events have been quiet for `debounceMs`. One watcher
 * per folder (not node's recursive mode), re-listed at every look, so folders created or removed
 * while watching are followed. `onChange` is never called again before its promise settles.
 * `since` is the look to compare the first one with: taken before a first build, it makes an edit
 * saved while that build ran count as a change.
 */
export function watchProject(
  root: string,
  onChange: (files: string[]) => Promise<void>,
  debounceMs = 40,
  since: Snapshot = snapshot(root),
): Watch {
  const watchers = new Map<string, FSWatcher>();
  let last = since;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  const follow = () => {
    const dirs = new Set(['.', ...watchedDirs(root)]);
    for (const [dir, w] of watchers)
      if (!dirs.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(path.join(root, dir), schedule);
        // A folder removed under the watcher: forgotten now, picked up again if it comes back.
        w.on('error', () => {
          w.close();
          watchers.delete(dir);
          schedule();
        });
        watchers.set(dir, w);
      } catch {
        // removed between listing and watching
      }
    }
  };

  const look = async () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      follow();
      const now = snapshot(root);
      const changed = changedFiles(last, now);
      last = now;
      if (changed.length > 0) await onChange(changed);
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };

  function schedule() {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void look(), debounceMs);
  }

  follow();
  schedule();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
