/**
 * The HTML pages: one per dashboard, panels absolutely placed on Grafana's grid, everything the
 * page needs (styles, uPlot, Chart.js, the drawing script, the data) inside the file itself, so it
 * opens from a pull-request artifact or a disk without a network; and an index linking them.
 */
import { gridBox, type Box } from './layout.js';
import type { PreviewDashboard, PreviewPanel } from './dashboard.js';
import { renderBody } from './panels.js';
import type { ChartSpec } from './spec.js';
import { esc, scriptJson } from './html.js';
import { STYLES } from './styles.js';

export interface PageAssets {
  /** The bundled browser script (uPlot, Chart.js and the drawing code). */
  script: string;
  /** uPlot's stylesheet. */
  css: string;
}

/** Width of the grid: a 1920-pixel screen less Grafana's page padding. */
export const GRID_WIDTH = 1888;

export interface PageOptions {
  assets: PageAssets;
  /** Link back to the index page. */
  indexHref?: string;
  /** Extra script for `--serve`: reload when the definitions change. */
  liveReload?: string;
  width?: number;
}

export function panelErrors(panel: PreviewPanel): string[] {
  return panel.results.filter((r) => r.error !== undefined).map((r) => `${r.refId}: ${r.error}`);
}

function hasData(panel: PreviewPanel): boolean {
  if (panel.json.type === 'text') return true;
  return panel.results.some((r) => r.series.some((s) => s.values.some((v) => v !== null)));
}

function panelHtml(panel: PreviewPanel, box: Box, index: number, charts: ChartSpec[]): string {
  const geometry = `left:${box.left}px;top:${box.top}px;width:${box.width}px;height:${box.height}px`;
  const g = panel.grid;
  const data = `data-grid="${g.x},${g.y},${g.w},${g.h}" data-panel-id="${panel.json.id ?? ''}"${panel.repeatLabel ? ` data-repeat="${esc(panel.repeatLabel)}"` : ''}`;
  if (panel.kind === 'row') {
    const collapsed = panel.hidden !== undefined;
    const count = collapsed ? ` <span class="row-count">(${panel.hidden} panel${panel.hidden === 1 ? '' : 's'})</span>` : '';
    return `<div class="row${collapsed ? ' row-collapsed' : ''}" ${data} style="${geometry}"><span class="chevron">${collapsed ? '▸' : '▾'}</span> ${esc(panel.title)}${count}</div>`;
  }
  const errors = panelErrors(panel);
  const body = renderBody({ panel: panel.json, results: panel.results, id: `p${index}`, charts });
  const description = panel.json.description
    ? `<span class="info" tabindex="0" title="${esc(panel.json.description)}">i</span><div class="description">${esc(panel.json.description)}</div>`
    : '';
  const errorBadge =
    errors.length > 0
      ? `<span class="error-corner" title="${esc(errors.join('\n'))}">!</span><div class="error-text">${errors.map(esc).join('<br>')}</div>`
      : '';
  const empty = body === '' || !hasData(panel) ? `<div class="no-data">No data</div>` : '';
  return (
    `<section class="panel panel-${esc(panel.json.type ?? 'unknown')}${errors.length > 0 ? ' has-error' : ''}" data-type="${esc(panel.json.type ?? '')}" ${data} style="${geometry}">` +
    `<header><h2>${esc(panel.title)}</h2>${description}</header>${errorBadge}<div class="body">${empty || body}</div></section>`
  );
}

export function dashboardPage(d: PreviewDashboard, options: PageOptions): string {
  const width = options.width ?? GRID_WIDTH;
  const charts: ChartSpec[] = [];
  const boxes = d.panels.map((p) => gridBox(p.grid, width));
  const height = boxes.reduce((max, b) => Math.max(max, b.top + b.height), 0);
  const panels = d.panels.map((p, i) => panelHtml(p, boxes[i]!, i, charts)).join('\n');
  const variables = d.variables
    .filter((v) => v.name !== 'datasource')
    .map((v) => `<span class="var"><span class="var-label">${esc(v.label)}</span><span class="var-value">${esc(v.text)}</span></span>`)
    .join('');
  const banner = d.synthetic
    ? `<div class="synthetic" role="note">Synthetic data: made up and shaped by each query (counters rise, ratios stay in 0–1, quantiles keep their order), not measured. Run <code>dac preview --prometheus-url URL</code> for real data.</div>`
    : '';
  const back = options.indexHref ? `<a class="back" href="${esc(options.indexHref)}">All dashboards</a>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.title)} · dac preview</title>
<style>${options.assets.css}</style>
<style>${STYLES}</style>
</head>
<body${d.synthetic ? ' class="is-synthetic"' : ''}>
<div class="page" style="width:${width}px">
<nav class="topbar">${back}<h1>${esc(d.title)}</h1><span class="range" title="${esc(new Date(d.range.fromMs).toISOString())} – ${esc(new Date(d.range.toMs).toISOString())}">${esc(d.rangeText)}</span></nav>
${banner}
<div class="vars">${variables}</div>
<main id="grid" class="grid" data-width="${width}" style="width:${width}px;height:${height}px">
${panels}
</main>
</div>
<script type="application/json" id="dac-preview-data">${scriptJson(charts)}</script>
<script>${options.assets.script}</script>
${options.liveReload ? `<script>${options.liveReload}</script>` : ''}
</body>
</html>
`;
}

export interface IndexEntry {
  file: string;
  title: string;
  uid: string;
  panels: number;
  errors: number;
  description: string;
}

export function indexPage(entries: readonly IndexEntry[], synthetic: boolean, liveReload?: string): string {
  const rows = entries
    .map(
      (e) =>
        `<li><a href="${esc(e.file)}">${esc(e.title)}</a> <code>${esc(e.uid)}</code> <span class="muted">${e.panels} panels${e.errors > 0 ? `, <span class="bad">${e.errors} failing queries</span>` : ''}</span><div class="muted">${esc(e.description)}</div></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Dashboards · dac preview</title><style>${STYLES}</style></head>
<body>
<div class="page index">
<nav class="topbar"><h1>Dashboards</h1></nav>
${synthetic ? '<div class="synthetic" role="note">Synthetic data: made up and shaped by each query, not measured.</div>' : ''}
<ul class="dashboards">
${rows}
</ul>
</div>
${liveReload ? `<script>${liveReload}</script>` : ''}
</body>
</html>
`;
}
