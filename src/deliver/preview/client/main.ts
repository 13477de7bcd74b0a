/// <reference lib="dom" />
/**
 * The browser side of a preview page: reads the chart specs the generator embedded and draws each
 * with uPlot (time series, stat sparklines, heatmaps) or Chart.js (gauge and pie arcs). Bundled with
 * the libraries into the page itself; sets `window.__dacPreview` when everything is drawn.
 */
import uPlot from 'uplot';
import { ArcElement, Chart, DoughnutController, PieController } from 'chart.js';
import { formatValue } from '../format.js';
import type { ChartSpec, GaugeSpec, HeatmapSpec, PieSpec, RenderState, SparklineSpec, TimeseriesSpec } from '../spec.js';

Chart.register(DoughnutController, PieController, ArcElement);

const AXIS = '#8e8e8e';
const GRID = 'rgba(204,204,220,0.07)';
const FONT = '11px Inter, "Helvetica Neue", Arial, sans-serif';

declare global {
  interface Window {
    __dacPreview?: RenderState;
  }
}

function alpha(hex: string, a: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1]!, 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
}

function size(el: HTMLElement): { width: number; height: number } {
  return { width: Math.max(10, Math.floor(el.clientWidth)), height: Math.max(10, Math.floor(el.clientHeight)) };
}

function timeseries(el: HTMLElement, spec: TimeseriesSpec): void {
  const stacks = new Map<string, number[]>();
  const data: Array<Array<number | null>> = [spec.times];
  const bands: uPlot.Band[] = [];
  const lastInStack = new Map<string, number>();
  spec.series.forEach((s, i) => {
    if (!s.stack) {
      data.push(s.values);
      return;
    }
    const below = stacks.get(s.stack) ?? spec.times.map(() => 0);
    const summed = s.values.map((v, k) => (v === null ? below[k]! : below[k]! + v));
    stacks.set(s.stack, summed);
    data.push(summed);
    const prev = lastInStack.get(s.stack);
    if (prev !== undefined) bands.push({ series: [i + 1, prev + 1], fill: alpha(s.colour, Math.max(s.fill, 0.1)) });
    lastInStack.set(s.stack, i);
  });
  const banded = new Set(bands.map((b) => b.series[0]));
  const axisStyle = spec.axis;
  const opts: uPlot.Options = {
    ...size(el),
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    bands,
    scales: {
      x: { time: true, range: () => [spec.from, spec.to] },
      y: {
        range: (_u, min, max) => {
          const lo = axisStyle.min ?? (min >= 0 ? 0 : min);
          const hi = axisStyle.max ?? (max > lo ? max + (max - lo) * 0.08 : lo + 1);
          return [lo, hi];
        },
      },
    },
    axes: [
      { stroke: AXIS, font: FONT, grid: { stroke: GRID, width: 1 }, ticks: { show: false } },
      {
        stroke: AXIS,
        font: FONT,
        size: 64,
        grid: { stroke: GRID, width: 1 },
        ticks: { show: false },
        values: (_u, splits) => splits.map((v) => formatValue(v, axisStyle)),
      },
    ],
    series: [
      {},
      ...spec.series.map((s, i) => ({
        label: s.name,
        stroke: s.gradient ? (u: uPlot) => thresholdGradient(u, s.gradient!, 1) : s.colour,
        width: s.lineWidth,
        ...(s.fill > 0 && !banded.has(i + 1)
          ? { fill: s.gradient ? (u: uPlot) => thresholdGradient(u, s.gradient!, s.fill) : alpha(s.colour, s.fill) }
          : {}),
        points: { show: s.points },
        spanGaps: false,
        ...(s.bars && uPlot.paths.bars ? { paths: uPlot.paths.bars({ size: [0.6, 50] }) } : {}),
      })),
    ],
    hooks: spec.thresholds ? { drawClear: [(u: uPlot) => drawThresholds(u, spec)] } : {},
  };
  new uPlot(opts, data as uPlot.AlignedData, el);
}

/** A vertical gradient with hard stops at each threshold, as Grafana's "scheme" gradient draws it. */
function thresholdGradient(
  u: uPlot,
  steps: ReadonlyArray<{ value: number | null; colour: string }>,
  opacity: number,
): CanvasGradient | string {
  const { top, height } = u.bbox;
  if (height <= 0) return alpha(steps[0]!.colour, opacity);
  const gradient = u.ctx.createLinearGradient(0, top + height, 0, top);
  let previous = 0;
  steps.forEach((step, i) => {
    const start = step.value === null ? 0 : Math.max(0, Math.min(1, (top + height - u.valToPos(step.value, 'y', true)) / height));
    const colour = alpha(step.colour, opacity);
    if (i > 0) gradient.addColorStop(Math.max(previous, start), alpha(steps[i - 1]!.colour, opacity));
    gradient.addColorStop(Math.max(previous, start), colour);
    previous = Math.max(previous, start);
  });
  gradient.addColorStop(1, alpha(steps[steps.length - 1]!.colour, opacity));
  return gradient;
}

function drawThresholds(u: uPlot, spec: TimeseriesSpec): void {
  const t = spec.thresholds!;
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  t.steps.forEach((step, i) => {
    const y = u.valToPos(step.value, 'y', true);
    if (y < top || y > top + height) return;
    if (t.mode.includes('area')) {
      const next = t.steps[i + 1];
      const yTop = next ? Math.max(top, u.valToPos(next.value, 'y', true)) : top;
      ctx.fillStyle = alpha(step.colour, 0.15);
      ctx.fillRect(left, yTop, width, y - yTop);
    }
    if (t.mode.includes('line') || t.mode.includes('dashed')) {
      ctx.strokeStyle = step.colour;
      ctx.lineWidth = 1;
      ctx.setLineDash(t.mode.includes('dashed') ? [6, 4] : []);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
    }
  });
  ctx.restore();
}

function sparkline(el: HTMLElement, spec: SparklineSpec): void {
  new uPlot(
    {
      ...size(el),
      legend: { show: false },
      cursor: { show: false },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: true }, y: { range: (_u, min, max) => [min - (max - min || 1) * 0.05, max + (max - min || 1) * 0.05] } },
      series: [{}, { stroke: spec.colour, width: 1, fill: alpha(spec.colour, 0.15), points: { show: false } }],
    },
    [spec.times, spec.values] as uPlot.AlignedData,
    el,
  );
}

/** A few of the d3 schemes Grafana's heatmap offers, as low → high colour stops. */
const SCHEMES: Record<string, string[]> = {
  Oranges: ['#2b1a0b', '#7f2704', '#d94801', '#fd8d3c', '#fdd0a2'],
  Spectral: ['#5e4fa2', '#3288bd', '#66c2a5', '#abdda4', '#e6f598', '#fee08b', '#fdae61', '#f46d43', '#d53e4f', '#9e0142'],
  Blues: ['#08306b', '#2171b5', '#6baed6', '#c6dbef'],
  Greens: ['#00441b', '#238b45', '#74c476', '#c7e9c0'],
  RdYlGn: ['#a50026', '#f46d43', '#fee08b', '#a6d96a', '#1a9850'],
};

function schemeColour(scheme: string, share: number): string {
  const stops = SCHEMES[scheme] ?? SCHEMES.Oranges!;
  const pos = Math.max(0, Math.min(1, share)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(pos));
  const mix = (a: string, b: string, f: number) => {
    const pa = parseInt(a.slice(1), 16);
    const pb = parseInt(b.slice(1), 16);
    const ch = (shift: number) => Math.round(((pa >> shift) & 255) * (1 - f) + ((pb >> shift) & 255) * f);
    return `rgb(${ch(16)},${ch(8)},${ch(0)})`;
  };
  return mix(stops[i]!, stops[i + 1]!, pos - i);
}

function heatmap(el: HTMLElement, spec: HeatmapSpec): void {
  const n = spec.buckets.length;
  const max = Math.max(1e-12, ...spec.counts.flat().filter((v): v is number => v !== null));
  const draw = (u: uPlot) => {
    const ctx = u.ctx;
    ctx.save();
    for (let t = 0; t < spec.times.length; t++) {
      const x1 = u.valToPos(spec.times[t]!, 'x', true);
      const x0 =
        t > 0 ? u.valToPos(spec.times[t - 1]!, 'x', true) : x1 - (spec.times.length > 1 ? u.valToPos(spec.times[1]!, 'x', true) - x1 : 4);
      for (let b = 0; b < n; b++) {
        const v = spec.counts[b]![t];
        if (v === null || v === undefined || v <= 0) continue;
        const y0 = u.valToPos(b, 'y', true);
        const y1 = u.valToPos(b + 1, 'y', true);
        // Exponential scale (exponent 0.5), as Grafana's heatmap default.
        ctx.fillStyle = schemeColour(spec.scheme, Math.sqrt(v / max));
        ctx.fillRect(Math.min(x0, x1) + 0.5, y1 + 0.5, Math.max(1, Math.abs(x1 - x0) - 1), Math.max(1, y0 - y1 - 1));
      }
    }
    ctx.restore();
  };
  new uPlot(
    {
      ...size(el),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: () => [spec.from, spec.to] }, y: { range: () => [0, n] } },
      axes: [
        { stroke: AXIS, font: FONT, grid: { show: false }, ticks: { show: false } },
        {
          stroke: AXIS,
          font: FONT,
          size: 64,
          grid: { show: false },
          ticks: { show: false },
          splits: () => Array.from({ length: n + 1 }, (_v, i) => i),
          values: (_u, splits) => splits.map((i) => (i === 0 ? '0' : (spec.buckets[i - 1] ?? ''))),
        },
      ],
      series: [{}, { paths: () => null, points: { show: false } }],
      hooks: { draw: [draw] },
    },
    [spec.times, spec.times.map(() => null)] as uPlot.AlignedData,
    el,
  );
}

function pie(canvas: HTMLCanvasElement, spec: PieSpec): void {
  const box = canvas.parentElement!;
  const side = Math.min(box.clientWidth, box.clientHeight);
  canvas.width = side;
  canvas.height = side;
  new Chart(canvas, {
    type: spec.donut ? 'doughnut' : 'pie',
    data: { labels: spec.labels, datasets: [{ data: spec.values, backgroundColor: spec.colours, borderColor: '#181b1f', borderWidth: 1 }] },
    options: { responsive: false, animation: false, plugins: { legend: { display: false }, tooltip: { enabled: false } } },
  });
}

function gauge(canvas: HTMLCanvasElement, spec: GaugeSpec): void {
  const box = canvas.parentElement!;
  canvas.width = box.clientWidth;
  canvas.height = box.clientHeight;
  const value = spec.value === null || !Number.isFinite(spec.value) ? spec.min : Math.max(spec.min, Math.min(spec.max, spec.value));
  const datasets = [];
  if (spec.bands.length > 0) {
    datasets.push({
      data: spec.bands.map((b) => Math.max(0, b.to - b.from)),
      backgroundColor: spec.bands.map((b) => b.colour),
      borderWidth: 0,
      weight: 0.12,
    });
  }
  datasets.push({
    data: [value - spec.min, spec.max - value],
    backgroundColor: [spec.colour, 'rgba(204,204,220,0.1)'],
    borderWidth: 0,
    weight: 1,
  });
  new Chart(canvas, {
    type: 'doughnut',
    data: { datasets },
    options: {
      responsive: false,
      animation: false,
      circumference: 240,
      rotation: -120,
      cutout: '72%',
      spacing: 2,
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
    },
  });
}

function draw(): void {
  const state: RenderState = { done: false, charts: 0, errors: [] };
  window.__dacPreview = state;
  const data = document.getElementById('dac-preview-data');
  const specs = JSON.parse(data?.textContent ?? '[]') as ChartSpec[];
  for (const spec of specs) {
    const el = document.querySelector<HTMLElement>(`[data-chart="${spec.id}"]`);
    if (!el) continue;
    try {
      if (spec.kind === 'timeseries') timeseries(el, spec);
      else if (spec.kind === 'sparkline') sparkline(el, spec);
      else if (spec.kind === 'heatmap') heatmap(el, spec);
      else if (spec.kind === 'pie') pie(el as HTMLCanvasElement, spec);
      else if (spec.kind === 'gauge') gauge(el as HTMLCanvasElement, spec);
      state.charts++;
    } catch (err) {
      state.errors.push(`${spec.id}: ${(err as Error).message}`);
      console.error(err);
    }
  }
  state.done = true;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
else draw();
