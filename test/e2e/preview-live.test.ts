/**
 * `dac preview --prometheus-url … --png DIR` against the real Items API on PostgreSQL and the real
 * Prometheus scraping it, with the rules of this build loaded: in the real headless Chromium every
 * panel of every built-in dashboard draws data (no "No data" tile, no query error, no console
 * error), and each dashboard gets a PNG. The traffic covers every handler and database operation,
 * then a short burst of 500s on /items makes the error panels and the firing-SLO-alerts table
 * show what they exist for (see tools/stack/fill-dashboards.ts).
 *
 * Run: flock /tmp/dac-heavy.lock npx vitest run test/e2e/preview-live.test.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fillDashboards, runDac, type DacRun } from '../../tools/stack/index.js';
import { elapsedSince, say } from '../../tools/stack/log.js';
import { ensureChromium, launchChromium, openPreviewPage, type TestBrowser } from '../helpers/chromium.js';
import { buildInto, type BuildOutput } from './build-output.js';
import { stackForSuite } from './stack-suite.js';

const BUILT_IN = ['items-api-business', 'items-api-database', 'items-api-http-overview', 'items-api-red', 'items-api-slo'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let build: BuildOutput;
let work: string;
let preview: DacRun;
let browser: TestBrowser | undefined;
const timings: string[] = [];
const suiteStarted = Date.now();

const stack = stackForSuite({
  options: async () => {
    build = await buildInto();
    return {
      alertmanagerConfig: 'minimal',
      ruleFiles: build.ruleFiles.map((f) => f.file),
      scrapeInterval: '1s',
      evaluationInterval: '1s',
      traffic: { rps: 20, workers: 4 },
      maxLifetimeSec: 600,
    };
  },
  ready: async (s) => {
    timings.push(`stack up ${elapsedSince(suiteStarted)}`);
    const filling = Date.now();
    await fillDashboards(s);
    timings.push(`traffic and error burst ${elapsedSince(filling)}`);
  },
  startTimeoutMs: 420_000,
});

beforeAll(async () => {
  ensureChromium();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dac-preview-live-'));
  preview = await runDac(
    [
      'preview',
      '--prometheus-url',
      stack().prometheus.url,
      // The stack scrapes every second: $__rate_interval is computed from it, as Grafana's data source setting would.
      '--scrape-interval',
      '1s',
      '--out-dir',
      path.join(work, 'pages'),
      '--png',
      path.join(work, 'png'),
    ],
    { logDir: work, maxLifetimeSec: 300 },
  );
  timings.push(`dac preview with PNGs ${(preview.ms / 1000).toFixed(1)}s`);
  browser = await launchChromium();
}, 420_000);

afterAll(async () => {
  await browser?.close();
  say(`preview-live timings: ${timings.join(', ')}; whole file ${elapsedSince(suiteStarted)}`);
  if (work) fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('dac preview against the live Items API and Prometheus', () => {
  it('renders every built-in dashboard from Prometheus, with no failing query and a picture of each', () => {
    expect({ code: preview.code, output: preview.output }).toEqual({ code: 0, output: expect.any(String) });
    expect(preview.output).toContain(`wrote ${BUILT_IN.length} dashboard page(s)`);
    expect(preview.output).not.toContain('synthetic');
    expect(preview.output).not.toMatch(/error/i);
    for (const uid of BUILT_IN) expect(preview.output).toContain(`${uid}.png`);
    expect(build.dashboards.map((d) => d.uid).sort()).toEqual(BUILT_IN);
  });

  it('draws data in every panel of every dashboard in Chromium, without an error', async () => {
    const started = Date.now();
    for (const uid of BUILT_IN) {
      const {
        tab,
        errors: consoleErrors,
        state,
      } = await openPreviewPage(browser!.context, pathToFileURL(path.join(work, 'pages', `${uid}.html`)).href);
      const panels = await tab.$$eval('section.panel', (els) =>
        els.map((el) => ({
          title: `${el.querySelector('h2')?.textContent ?? '?'}${el.getAttribute('data-repeat') ? ` [${el.getAttribute('data-repeat')}]` : ''}`,
          noData: el.querySelector('.no-data') !== null,
          error: el.querySelector('.error-text')?.textContent ?? null,
        })),
      );
      const synthetic = await tab.locator('.synthetic').count();
      await tab.close();

      const dashboard = build.dashboards.find((d) => d.uid === uid)!;
      const defined = (dashboard.json.panels as Array<{ type?: string }>).filter((p) => p.type !== 'row').length;
      expect(panels.length, `${uid}: panels on the page`).toBeGreaterThanOrEqual(defined);
      expect(synthetic, `${uid}: says its data is synthetic`).toBe(0);
      expect({ uid, noData: panels.filter((p) => p.noData).map((p) => p.title) }).toEqual({ uid, noData: [] });
      expect({ uid, errors: panels.filter((p) => p.error !== null).map((p) => `${p.title}: ${p.error}`) }).toEqual({ uid, errors: [] });
      expect({ uid, console: consoleErrors, script: state.errors }).toEqual({ uid, console: [], script: [] });
      expect(state.charts, `${uid}: charts drawn`).toBeGreaterThan(0);
    }
    timings.push(`Chromium checks ${elapsedSince(started)}`);
  }, 300_000);

  it('writes a PNG of each dashboard, as wide as the page and of plausible size', () => {
    for (const uid of BUILT_IN) {
      const png = fs.readFileSync(path.join(work, 'png', `${uid}.png`));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${uid}.png signature`).toBe(true);
      // IHDR is the first chunk: width and height, big-endian, at bytes 16 and 20.
      expect(png.toString('latin1', 12, 16)).toBe('IHDR');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect({ uid, width }).toEqual({ uid, width: 1920 });
      expect(height, `${uid}.png height`).toBeGreaterThan(600);
      expect(png.length, `${uid}.png bytes`).toBeGreaterThan(40_000);
      expect(png.length, `${uid}.png bytes`).toBeLessThan(4_000_000);
    }
  });
});
