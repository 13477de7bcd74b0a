/** Runs a command as a cold process and reports its wall time and peak resident memory. */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rssHook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'report-rss.js');

export interface Measurement {
  seconds: number;
  peakMB: number;
}

export function measureNode(args: string[], cwd: string): Measurement {
  const rssFile = path.join(tmpdir(), `dac-bench-rss-${process.pid}`);
  const fd = openSync(rssFile, 'w');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', rssHook, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe', fd],
    env: { ...process.env, DAC_BENCH_RSS_FD: '3' },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(fd);
  const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  rmSync(rssFile, { force: true });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { seconds, peakMB: kb / 1024 };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function fmt(m: Measurement): string {
  return `${(m.seconds * 1000).toFixed(0).padStart(6)} ms  ${m.peakMB.toFixed(0).padStart(5)} MB peak`;
}
