/**
 * `npm run pictures`: the README's picture of each built-in dashboard, made by `dac preview` against
 * the demo stack (the Items API on PostgreSQL, Prometheus with the rules of out/, steady traffic),
 * after a few minutes of healthy traffic and a short burst of 500s on /items, so the error panels
 * and the SLO alerts show what they are for. Writes docs/pictures/<uid>.png; everything stops at
 * the end, on Ctrl-C, or after 15 minutes whatever happens.
 *
 *   npm run pictures -- [--out docs/pictures] [--minutes 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { beforeInterruptExit, fillDashboards, runDac, startStack } from './stack/index.js';
import { say } from './stack/log.js';
import { REPO_ROOT } from './stack/paths.js';

/** Above this a picture weighs down the README and the repository. */
const MAX_PNG_BYTES = 300 * 1024;

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(REPO_ROOT, 'docs', 'pictures') },
    minutes: { type: 'string', default: '5' },
  },
});
const minutes = Number(values.minutes);
if (!(minutes >= 2 && minutes <= 10)) throw new Error(`--minutes must be in [2, 10], got ${values.minutes}`);
const outDir = path.resolve(values.out);

const stack = await startStack({ alertmanagerConfig: 'minimal', traffic: { rps: 20, workers: 4 }, maxLifetimeSec: 15 * 60 });
const unregister = beforeInterruptExit(() => stack.stop());
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dac-pictures-'));
let code: number;
try {
  // The range shown is the whole run: healthy traffic, the burst about two thirds in, then recovery.
  const runMs = minutes * 60_000;
  await fillDashboards(stack, { healthyMs: runMs * 0.6, errorRatio: 0.2, burstMs: 20_000, afterMs: runMs * 0.25 });
  fs.mkdirSync(outDir, { recursive: true });
  const preview = await runDac(
    [
      'preview',
      '--prometheus-url',
      stack.prometheus.url,
      '--scrape-interval',
      '1s',
      '--from',
      `now-${minutes}m`,
      '--out-dir',
      path.join(work, 'pages'),
      '--png',
      outDir,
    ],
    { logDir: work, maxLifetimeSec: 300 },
  );
  process.stdout.write(preview.output);
  code = preview.code ?? 1;
  for (const file of fs.readdirSync(outDir).filter((f) => f.endsWith('.png'))) {
    const bytes = fs.statSync(path.join(outDir, file)).size;
    say(`${file}: ${Math.round(bytes / 1024)} KB${bytes > MAX_PNG_BYTES ? `, over ${MAX_PNG_BYTES / 1024} KB` : ''}`);
    if (bytes > MAX_PNG_BYTES) code = 1;
  }
} finally {
  await stack.stop();
  unregister();
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(code);
