/**
 * The preview pages of the built-in dashboards in a real headless Chromium (Debian's package,
 * installed by the project's apt helper when missing): every chart draws without a console error,
 * every panel's box sits where Grafana's grid puts it, and a PNG of each page is written.
 */
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardsFromFiles, renderPreview, SyntheticSource, type PreviewResult } from '../src/deliver/preview/index.js';
import { openBrowser } from '../src/deliver/preview/screenshot.js';
import { buildProject } from '../src/pipeline.js';
import { repoRoot } from '../tools/project-copy.js';
import { launchChromium, openPreviewPage, type TestBrowser } from './helpers/chromium.js';

const NOW = Date.UTC(2025, 0, 1, 12);
/** The page's grid width (1888 px) split as react-grid-layout does with Grafana's 8 px margins. */
const COLUMN = (1888 - 23 * 8) / 24;
const expectedBox = (x: number, y: number, w: number, h: number) => ({
  left: Math.round((COLUMN + 8) * x),
  top: Math.round(38 * y),
  width: Math.round(COLUMN * w + (w - 1) * 8),
  height: Math.round(30 * h + (h - 1) * 8),
});

let out: string;
let result: PreviewResult;
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchChromium();
  out = mkdtempSync(path.join(os.tmpdir(), 'dac-preview-browser-'));
  const { files } = await buildProject(repoRoot);
  result = await renderPreview(dashboardsFromFiles(files), { outDir: out, source: new SyntheticSource(), nowMs: NOW });
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('preview pages of the built-in dashboards in Chromium', () => {
  it('renders each dashboard and places every panel on Grafana’s grid', async () => {
    expect(result.pages.map((p) => p.uid)).toEqual([
      'items-api-business',
      'items-api-database',
      'items-api-http-overview',
      'items-api-red',
      'items-api-slo',
    ]);
    for (const page of result.pages) {
      const { tab, errors, state } = await openPreviewPage(browser.context, `file://${page.file}`);
      expect({ page: page.uid, errors: [...errors, ...state.errors] }).toEqual({ page: page.uid, errors: [] });
      expect(state.charts).toBeGreaterThan(0);

      const boxes = await tab.$$eval('#grid > [data-grid]', (els) => {
        const grid = document.getElementById('grid')!.getBoundingClientRect();
        return els.map((el) => {
          const r = el.getBoundingClientRect();
          return {
            grid: el.getAttribute('data-grid')!,
            box: {
              left: Math.round(r.left - grid.left),
              top: Math.round(r.top - grid.top),
              width: Math.round(r.width),
              height: Math.round(r.height),
            },
            canvases: el.querySelectorAll('canvas').length,
            noData: el.querySelector('.no-data') !== null,
          };
        });
      });
      expect(boxes.length).toBeGreaterThan(5);
      for (const b of boxes) {
        const [x, y, w, h] = b.grid.split(',').map(Number) as [number, number, number, number];
        expect({ grid: b.grid, box: b.box }).toEqual({ grid: b.grid, box: expectedBox(x, y, w, h) });
        expect(b.noData, `${page.uid} panel at ${b.grid} says No data`).toBe(false);
      }
      await tab.close();
    }
  }, 300_000);

  it('shows the 5xx error ratio of the HTTP overview in its unit and threshold colour', async () => {
    const { tab } = await openPreviewPage(browser.context, `file://${path.join(out, 'items-api-http-overview.html')}`);
    const stat = tab.locator('section', { has: tab.locator('h2', { hasText: 'Error rate (5xx)' }) });
    const value = await stat.locator('.stat-value').innerText();
    expect(value).toMatch(/^\d+(\.\d+)?\s*%$/);
    const colour = await stat.locator('.stat-item').getAttribute('data-colour');
    const ratio = Number(value.replace('%', '')) / 100;
    expect(colour).toBe(ratio >= 0.05 ? '#F2495C' : ratio >= 0.01 ? '#FADE2A' : '#73BF69');
    // The stacked status classes: 5xx drawn red by the panel's override.
    const legend = await tab
      .locator('section', { has: tab.locator('h2', { hasText: 'Requests by status class' }) })
      .locator('.legend-item', { hasText: '5xx' })
      .locator('.swatch')
      .getAttribute('style');
    expect(legend).toContain('#F2495C');
    await tab.close();
  });

  it('writes a PNG of every page through the system Chromium', async () => {
    const browser = await openBrowser();
    try {
      for (const page of result.pages) {
        const shot = await browser.shoot(page.file, path.join(out, `${page.uid}.png`));
        expect(shot.consoleErrors).toEqual([]);
        expect(statSync(shot.png).size).toBeGreaterThan(20_000);
      }
    } finally {
      await browser.close();
    }
  }, 300_000);
});
