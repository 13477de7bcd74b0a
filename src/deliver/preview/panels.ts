/**
 * The inside of each panel type dac emits. Values, colours and legends are written into the page
 * here, so they read the same in any browser and in tests; charts are handed to the browser
 * script as specs (uPlot draws time axes and heatmaps, Chart.js the gauge and pie arcs).
 */
import { display, formatValue, colour as named, type FieldStyle } from './format.js';
import { CALC_NAMES, defaultStyle, panelCalc, reduce, seriesColour, styleFor, type SeriesStyle } from './fields.js';
import type { QueryResult, Series } from './data.js';
import type { PanelJson } from './layout.js';
import type { ChartSeries, ChartSpec, HeatmapSpec } from './spec.js';
import { renderTable } from './table.js';
import { esc } from './html.js';

export interface BodyContext {
  panel: PanelJson;
  results: readonly QueryResult[];
  /** Unique prefix for the chart ids of this panel. */
  id: string;
  charts: ChartSpec[];
}

type Options = Record<string, unknown> & {
  legend?: { showLegend?: boolean; displayMode?: string; placement?: string; calcs?: string[]; values?: string[] };
};

const options = (panel: PanelJson): Options => (panel.options ?? {}) as Options;
const allSeries = (results: readonly QueryResult[]): Series[] => results.flatMap((r) => r.series);

/** The panel body; '' when there is nothing to draw, and the frame says "No data". */
export function renderBody(ctx: BodyContext): string {
  switch (ctx.panel.type) {
    case 'timeseries':
      return timeseries(ctx);
    case 'stat':
      return stat(ctx);
    case 'gauge':
      return gauge(ctx);
    case 'bargauge':
      return bargauge(ctx);
    case 'table':
      return renderTable(ctx.panel, ctx.results);
    case 'heatmap':
      return heatmap(ctx);
    case 'piechart':
      return piechart(ctx);
    case 'text':
      return text(ctx.panel);
    default:
      return `<div class="unsupported">panel type "${esc(ctx.panel.type ?? '?')}" is not drawn by dac preview</div>`;
  }
}

interface Reduced {
  series: Series;
  style: SeriesStyle;
  value: number | null;
  index: number;
}

function reduced(ctx: BodyContext): Reduced[] {
  const calc = panelCalc(ctx.panel);
  return allSeries(ctx.results).map((series, index) => ({
    series,
    style: styleFor(ctx.panel, series.name, series.refId),
    value: reduce(series.values, calc),
    index,
  }));
}

function valueHtml(value: number | null, style: FieldStyle): { html: string; colour: string | undefined } {
  const d = display(value, style);
  const unit = d.suffix ? `<span class="unit">${esc(d.suffix)}</span>` : '';
  return { html: `<span class="value-text">${esc(d.prefix + d.text)}</span>${unit}`, colour: d.colour };
}

function stat(ctx: BodyContext): string {
  const items = reduced(ctx);
  if (items.length === 0) return '';
  const o = options(ctx.panel);
  const colorMode = (o.colorMode as string | undefined) ?? 'value';
  const showName = o.textMode === 'value_and_name' || o.textMode === 'name' || (o.textMode !== 'value' && items.length > 1);
  const cells = items.map(({ series, style, value, index }) => {
    const v = valueHtml(value, style);
    const c = v.colour ?? seriesColour(style, index, value);
    const id = `${ctx.id}-s${index}`;
    if (o.graphMode !== 'none' && series.times.length > 1) {
      ctx.charts.push({ kind: 'sparkline', id, times: series.times.map((t) => t / 1000), values: series.values, colour: c });
    }
    const spark = o.graphMode !== 'none' && series.times.length > 1 ? `<div class="spark" data-chart="${id}"></div>` : '';
    const colourStyle = colorMode === 'background' ? `background:${c};color:#fff` : colorMode === 'none' ? '' : `color:${c}`;
    const name = showName ? `<div class="stat-name">${esc(style.displayName ?? series.name)}</div>` : '';
    return `<div class="stat-item" data-colour="${esc(c)}" style="${colourStyle}">${spark}${name}<div class="stat-value">${v.html}</div></div>`;
  });
  return `<div class="stat ${o.orientation === 'horizontal' ? 'stat-h' : ''}">${cells.join('')}</div>`;
}

function gauge(ctx: BodyContext): string {
  const items = reduced(ctx);
  if (items.length === 0) return '';
  const o = options(ctx.panel);
  const cells = items.map(({ series, style, value, index }) => {
    const v = valueHtml(value, style);
    const c = v.colour ?? seriesColour(style, index, value);
    const steps = style.thresholds ?? [];
    const min = style.min ?? 0;
    const max = style.max ?? Math.max(100, ...steps.map((s) => s.value ?? 0), value ?? 0);
    const bands =
      o.showThresholdMarkers === false
        ? []
        : steps.map((s, i) => ({
            from: Math.max(min, s.value ?? min),
            to: Math.min(max, steps[i + 1]?.value ?? max),
            colour: named(s.color),
          }));
    const id = `${ctx.id}-g${index}`;
    ctx.charts.push({ kind: 'gauge', id, value, min, max, colour: c, bands });
    const name = items.length > 1 ? `<div class="stat-name">${esc(series.name)}</div>` : '';
    return `<div class="gauge-item" data-colour="${esc(c)}"><canvas data-chart="${id}"></canvas><div class="gauge-value" style="color:${c}">${v.html}</div>${name}</div>`;
  });
  return `<div class="gauge">${cells.join('')}</div>`;
}

function bargauge(ctx: BodyContext): string {
  const items = reduced(ctx);
  if (items.length === 0) return '';
  const o = options(ctx.panel);
  const numbers = items.map((i) => i.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const min = items[0]!.style.min ?? Math.min(0, ...numbers);
  const max = items[0]!.style.max ?? Math.max(...numbers, min + 1);
  const vertical = o.orientation === 'vertical';
  const rows = items.map(({ series, style, value, index }) => {
    const v = valueHtml(value, style);
    const c = style.colourMode === 'thresholds' ? (v.colour ?? seriesColour(style, index, value)) : seriesColour(style, index, value);
    const share = value === null || !Number.isFinite(value) ? 0 : Math.max(0, Math.min(1, (value - min) / (max - min || 1)));
    const size = vertical ? `height:${(share * 100).toFixed(2)}%` : `width:${(share * 100).toFixed(2)}%`;
    return (
      `<div class="bar-row" data-colour="${esc(c)}"><div class="bar-name">${esc(style.displayName ?? series.name)}</div>` +
      `<div class="bar-track"><div class="bar-fill" style="${size};background:${c}"></div></div>` +
      `<div class="bar-value" style="color:${c}">${v.html}</div></div>`
    );
  });
  return `<div class="bargauge ${vertical ? 'bargauge-v' : ''}">${rows.join('')}</div>`;
}

function legendHtml(ctx: BodyContext, entries: Array<{ name: string; colour: string; values: string[] }>, headers: string[]): string {
  const legend = options(ctx.panel).legend;
  if (legend?.showLegend === false || legend?.displayMode === 'hidden' || entries.length === 0) return '';
  const swatch = (c: string) => `<i class="swatch" style="background:${c}"></i>`;
  if (legend?.displayMode === 'table') {
    const head = `<tr><th></th>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
    const body = entries
      .map((e) => `<tr><td>${swatch(e.colour)}${esc(e.name)}</td>${e.values.map((v) => `<td class="num">${esc(v)}</td>`).join('')}</tr>`)
      .join('');
    return `<div class="legend legend-table"><table>${head}${body}</table></div>`;
  }
  const items = entries.map(
    (e) => `<span class="legend-item">${swatch(e.colour)}${esc(e.name)}${e.values.map((v) => ` <b>${esc(v)}</b>`).join('')}</span>`,
  );
  return `<div class="legend legend-list">${items.join('')}</div>`;
}

function withLegend(ctx: BodyContext, chart: string, legend: string): string {
  const right = options(ctx.panel).legend?.placement === 'right';
  return `<div class="viz ${right ? 'viz-right' : ''}">${chart}${legend}</div>`;
}

function timeseries(ctx: BodyContext): string {
  const series = allSeries(ctx.results);
  if (!series.some((s) => s.values.some((v) => v !== null && !Number.isNaN(v)))) return '';
  const times = [...new Set(series.flatMap((s) => s.times))].sort((a, b) => a - b);
  const chartSeries: ChartSeries[] = series.map((s, index) => {
    const style = styleFor(ctx.panel, s.name, s.refId);
    const at = new Map(s.times.map((t, i) => [t, s.values[i] ?? null]));
    const stacking = style.custom.stacking as { mode?: string; group?: string } | undefined;
    return {
      name: style.displayName ?? s.name,
      colour: seriesColour(style, index),
      values: times.map((t) => at.get(t) ?? null),
      fill: Number(style.custom.fillOpacity ?? 0) / 100,
      lineWidth: Number(style.custom.lineWidth ?? 1),
      ...(stacking?.mode && stacking.mode !== 'none' ? { stack: stacking.group ?? 'A' } : {}),
      bars: style.custom.drawStyle === 'bars',
      ...(style.colourMode === 'thresholds' && style.thresholds && style.thresholds.length > 1
        ? { gradient: style.thresholds.map((t) => ({ value: t.value, colour: named(t.color) })) }
        : {}),
      points: style.custom.showPoints === 'always',
      style: { ...(style.unit ? { unit: style.unit } : {}), ...(style.decimals !== undefined ? { decimals: style.decimals } : {}) },
    };
  });
  const axis = defaultStyle(ctx.panel);
  const thresholdsStyle = axis.custom.thresholdsStyle as { mode?: string } | undefined;
  const id = `${ctx.id}-ts`;
  const range = ctx.results[0]?.series[0];
  ctx.charts.push({
    kind: 'timeseries',
    id,
    times: times.map((t) => t / 1000),
    from: (times[0] ?? range?.times[0] ?? 0) / 1000,
    to: (times[times.length - 1] ?? 0) / 1000,
    series: chartSeries,
    axis: {
      ...(axis.unit ? { unit: axis.unit } : {}),
      ...(axis.decimals !== undefined ? { decimals: axis.decimals } : {}),
      ...(axis.min !== undefined ? { min: axis.min } : {}),
      ...(axis.max !== undefined ? { max: axis.max } : {}),
    },
    ...(thresholdsStyle?.mode && thresholdsStyle.mode !== 'off' && axis.thresholds
      ? {
          thresholds: {
            mode: thresholdsStyle.mode as 'line',
            steps: axis.thresholds.filter((s) => s.value !== null).map((s) => ({ value: s.value!, colour: named(s.color) })),
          },
        }
      : {}),
  });
  const calcs = options(ctx.panel).legend?.calcs ?? [];
  const entries = chartSeries
    .filter(
      (_s, i) => !(styleFor(ctx.panel, series[i]!.name, series[i]!.refId).custom.hideFrom as { legend?: boolean } | undefined)?.legend,
    )
    .map((s) => ({ name: s.name, colour: s.colour, values: calcs.map((c) => formatValue(reduce(s.values, c), s.style)) }));
  return withLegend(
    ctx,
    `<div class="chart" data-chart="${id}"></div>`,
    legendHtml(
      ctx,
      entries,
      calcs.map((c) => CALC_NAMES[c] ?? c),
    ),
  );
}

function heatmap(ctx: BodyContext): string {
  const series = allSeries(ctx.results).filter((s) => s.labels.le !== undefined);
  if (series.length === 0) return '';
  const o = options(ctx.panel) as {
    yAxis?: { unit?: string; decimals?: number };
    color?: { scheme?: string };
    cellValues?: { unit?: string };
  };
  const sorted = [...series].sort((a, b) => bound(a.labels.le!) - bound(b.labels.le!));
  const times = [...new Set(sorted.flatMap((s) => s.times))].sort((a, b) => a - b);
  const cumulative = sorted.map((s) => {
    const at = new Map(s.times.map((t, i) => [t, s.values[i] ?? null]));
    return times.map((t) => at.get(t) ?? null);
  });
  // Prometheus buckets are cumulative; a heatmap cell is what falls between two bounds.
  const counts = cumulative.map((row, b) => row.map((v, t) => (v === null || b === 0 ? v : Math.max(0, v - (cumulative[b - 1]![t] ?? 0)))));
  const yStyle: FieldStyle = {
    ...(o.yAxis?.unit ? { unit: o.yAxis.unit } : {}),
    ...(o.yAxis?.decimals !== undefined ? { decimals: o.yAxis.decimals } : {}),
  };
  const spec: HeatmapSpec = {
    kind: 'heatmap',
    id: `${ctx.id}-hm`,
    times: times.map((t) => t / 1000),
    from: (times[0] ?? 0) / 1000,
    to: (times[times.length - 1] ?? 0) / 1000,
    buckets: sorted.map((s) => (bound(s.labels.le!) === Infinity ? '+Inf' : formatValue(bound(s.labels.le!), yStyle))),
    counts,
    scheme: o.color?.scheme ?? 'Oranges',
    cellUnit: { unit: o.cellValues?.unit ?? defaultStyle(ctx.panel).unit ?? 'short' },
  };
  ctx.charts.push(spec);
  return `<div class="viz"><div class="chart" data-chart="${spec.id}"></div></div>`;
}

const bound = (le: string): number => (le === '+Inf' ? Infinity : Number(le));

function piechart(ctx: BodyContext): string {
  const items = reduced(ctx).filter((i) => i.value !== null && Number.isFinite(i.value) && i.value > 0);
  if (items.length === 0) return '';
  const o = options(ctx.panel);
  const total = items.reduce((sum, i) => sum + (i.value ?? 0), 0);
  const colours = items.map((i) => seriesColour(i.style, i.index));
  const id = `${ctx.id}-pie`;
  ctx.charts.push({
    kind: 'pie',
    id,
    labels: items.map((i) => i.style.displayName ?? i.series.name),
    values: items.map((i) => i.value!),
    colours,
    donut: o.pieType === 'donut',
  });
  const shown = o.legend?.values ?? [];
  const entries = items.map((i, k) => ({
    name: i.style.displayName ?? i.series.name,
    colour: colours[k]!,
    values: shown.map((what) => (what === 'percent' ? `${Math.round(((i.value ?? 0) / total) * 100)}%` : formatValue(i.value, i.style))),
  }));
  const headers = shown.map((v) => (v === 'percent' ? 'Percent' : 'Value'));
  return withLegend(ctx, `<div class="chart chart-pie"><canvas data-chart="${id}"></canvas></div>`, legendHtml(ctx, entries, headers));
}

/** Markdown's common part (headings, emphasis, links, lists, paragraphs); HTML mode without scripts. */
function text(panel: PanelJson): string {
  const o = options(panel) as { mode?: string; content?: string };
  const content = o.content ?? '';
  if (o.mode === 'html')
    return `<div class="text">${content.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/\son\w+="[^"]*"/gi, '')}</div>`;
  const inline = (s: string) =>
    esc(s)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/\*(.+?)\*/g, '<em>$1</em>')
      .replace(/`(.+?)`/g, '<code>$1</code>')
      .replace(/\[(.+?)\]\((https?:[^)\s]+|\/[^)\s]*)\)/g, '<a href="$2">$1</a>');
  const blocks = content.split(/\n\s*\n/).map((block) => {
    const lines = block.split('\n');
    if (lines.every((l) => /^\s*[-*]\s+/.test(l)))
      return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`;
    const out: string[] = [];
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length > 0) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
      paragraph = [];
    };
    for (const line of lines) {
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (!heading) {
        paragraph.push(line);
        continue;
      }
      flush();
      out.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
    }
    flush();
    return out.join('');
  });
  return `<div class="text">${blocks.join('')}</div>`;
}
