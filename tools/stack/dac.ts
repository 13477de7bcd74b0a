import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './paths.js';
import { startProcess } from './process.js';

export interface DacRun {
  code: number | null;
  /** stdout and stderr, interleaved as written. */
  output: string;
  ms: number;
}

/**
 * Runs this repository's `dac` as a user would, as a bounded child in its own process group (a
 * browser it starts goes with it), its output in `<logDir>/<name>.log`.
 */
export async function runDac(args: readonly string[], options: { logDir: string; maxLifetimeSec: number; name?: string }): Promise<DacRun> {
  const started = Date.now();
  const proc = startProcess({
    name: options.name ?? `dac-${args[0] ?? 'run'}`,
    command: process.execPath,
    args: [path.join(REPO_ROOT, 'bin', 'dac.js'), ...args],
    cwd: REPO_ROOT,
    logDir: options.logDir,
    maxLifetimeSec: options.maxLifetimeSec,
    env: { ...process.env, NO_COLOR: '1' },
  });
  // The managed child is unref'd so a stack never holds its runner open; whoever awaits this run must.
  const keepAlive = setInterval(() => undefined, 1_000);
  let exit;
  try {
    exit = await proc.exited;
  } finally {
    clearInterval(keepAlive);
  }
  return { code: exit.code, output: fs.readFileSync(proc.logFile, 'utf8'), ms: Date.now() - started };
}
