/**
 * `dac preview`: every emitted dashboard as a self-contained HTML page plus an index, its data
 * from a Prometheus or made up, and the queries that failed listed for the command line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pageAssets } from './bundle.js';
import { previewDashboard, type DashboardJson, type PreviewDashboard } from './dashboard.js';
import type { DataSource } from './data.js';
import { dashboardPage, indexPage, panelErrors, type IndexEntry } from './page.js';

export { PrometheusSource, PrometheusUnreachable } from './prometheus.js';
export { SyntheticSource } from './synthetic.js';
export type { DashboardJson } from './dashboard.js';

export interface QueryFailure {
  dashboard: string;
  uid: string;
  panel: string;
  message: string;
}

export interface PreviewResult {
  pages: Array<{ uid: string; title: string; file: string }>;
  failures: QueryFailure[];
  dashboards: PreviewDashboard[];
}

export interface RenderOptions {
  outDir: string;
  source: DataSource;
  nowMs: number;
  scrapeIntervalMs?: number;
  /** Every dashboard's time range instead of its own, e.g. `{ from: 'now-15m' }`. */
  timeRange?: { from?: string; to?: string };
  liveReload?: string;
  /** Called after each dashboard, for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
}

/** The classic dashboard JSON among emitted files: `dashboards/<uid>.json`. */
export function dashboardsFromFiles(files: ReadonlyMap<string, string>): DashboardJson[] {
  return [...files.entries()]
    .filter(([file]) => /^dashboards\/[^/]+\.json$/.test(file))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, text]) => JSON.parse(text) as DashboardJson);
}

export const pageFile = (uid: string): string => `${uid.replace(/[^A-Za-z0-9_-]/g, '_')}.html`;

export async function renderPreview(dashboards: readonly DashboardJson[], options: RenderOptions): Promise<PreviewResult> {
  const assets = await pageAssets();
  mkdirSync(options.outDir, { recursive: true });
  const result: PreviewResult = { pages: [], failures: [], dashboards: [] };
  const entries: IndexEntry[] = [];
  for (const json of dashboards) {
    const d = await previewDashboard(json, options.source, {
      nowMs: options.nowMs,
      ...(options.scrapeIntervalMs ? { scrapeIntervalMs: options.scrapeIntervalMs } : {}),
      ...(options.timeRange ? { timeRange: options.timeRange } : {}),
    });
    const file = pageFile(d.uid || d.title);
    writeFileSync(
      path.join(options.outDir, file),
      dashboardPage(d, { assets, indexHref: 'index.html', ...(options.liveReload ? { liveReload: options.liveReload } : {}) }),
    );
    let errors = 0;
    for (const panel of d.panels) {
      for (const message of panelErrors(panel)) {
        errors++;
        result.failures.push({
          dashboard: d.title,
          uid: d.uid,
          panel: panel.title + (panel.repeatLabel ? ` [${panel.repeatLabel}]` : ''),
          message,
        });
      }
    }
    options.onProgress?.(entries.length + 1, dashboards.length);
    entries.push({
      file,
      title: d.title,
      uid: d.uid,
      panels: d.panels.filter((p) => p.kind === 'panel').length,
      errors,
      description: d.description,
    });
    result.pages.push({ uid: d.uid, title: d.title, file: path.join(options.outDir, file) });
    result.dashboards.push(d);
  }
  writeFileSync(path.join(options.outDir, 'index.html'), indexPage(entries, options.source.synthetic, options.liveReload));
  return result;
}
