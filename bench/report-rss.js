// Loaded with `node --import` so that a benchmarked process reports its own peak memory at exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.DAC_BENCH_RSS_FD;
  if (file) writeSync(Number(file), `${process.resourceUsage().maxRSS}\n`);
});
