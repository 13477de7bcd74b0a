import path from 'node:path';

import { ITEMS_API_DIR, venvPython } from './paths.js';
import { startProcess, type ManagedProcess } from './process.js';

export interface TrafficOptions {
  /** Target request rate; the default keeps a 2-core machine comfortable. */
  rps?: number;
  workers?: number;
  durationSec?: number;
  maxRequests?: number;
  seed?: number;
}

/** Runs examples/items-api/traffic.py, which stops by itself at its duration or request cap. */
export function startTraffic(runDir: string, appUrl: string, options: TrafficOptions = {}, name = 'traffic'): ManagedProcess {
  // traffic.py refuses runs over an hour.
  const durationSec = Math.min(options.durationSec ?? 600, 3600);
  return startProcess({
    name,
    command: venvPython(),
    args: [
      path.join(ITEMS_API_DIR, 'traffic.py'),
      `--base-url=${appUrl}`,
      `--rps=${options.rps ?? 20}`,
      `--workers=${options.workers ?? 4}`,
      `--duration=${durationSec}`,
      `--max-requests=${options.maxRequests ?? 100_000}`,
      `--seed=${options.seed ?? 1}`,
    ],
    logDir: runDir,
    // The generator bounds itself; this is the backstop should it ever hang.
    maxLifetimeSec: durationSec + 30,
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
}
