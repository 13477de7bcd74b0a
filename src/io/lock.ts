/**
 * One build at a time per output folder: two builds writing one out/ at once would swap each
 * other's folders away mid-rename, or link files of one tree into the other. A lock left by a build
 * that was killed names a process that is gone, and is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { DacError } from '../core/diagnostic.js';

const LOCK_WAIT_MS = 60_000;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const shown = (p: string) => path.relative(process.cwd(), p) || '.';

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

export function withLock<T>(lock: string, outDir: string, fn: () => T): T {
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
      throw new DacError(
        [
          {
            severity: 'error',
            check: 'write',
            where: { file: shown(outDir), path: [] },
            message: `another dac build (process ${holder.split(':')[0]}) has been writing this folder for ${LOCK_WAIT_MS / 1000} s`,
            hint: `wait for it to finish; if no dac is running, delete ${shown(lock)}`,
          },
        ],
        2,
      );
    else sleep(50);
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}
