/**
 * The two ways to read a live service: its own /metrics page, or the Prometheus that scrapes it
 * (series API for names, label names and `le` values over a recent window; metadata API for types).
 */
import { inventoryFromExposition } from './exposition.js';
import { endpoint, getText, LiveReadError } from './http.js';
import { addSeries, type LiveInventory, type LiveSeries, type LiveType } from './inventory.js';

export interface ReadOptions {
  timeoutMs: number;
}

/** What text formats we parse, best first; OpenMetrics only as the parser reads both. */
const EXPOSITION_ACCEPT = 'text/plain;version=0.0.4;q=0.9,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1';

export interface MetricsPage {
  inventory: LiveInventory;
  /** Lines the parser could not read: 1-based line and why. */
  errors: { line: number; message: string }[];
}

export async function readMetricsPage(rawUrl: string, targetLabels: Iterable<string>, opts: ReadOptions): Promise<MetricsPage> {
  const target = endpoint(rawUrl, '--metrics-url');
  const text = await getText(target, target.url, EXPOSITION_ACCEPT, opts.timeoutMs);
  const parsed = inventoryFromExposition(text, target.shown, targetLabels);
  if (parsed.samples === 0 && parsed.types.size === 0)
    throw new LiveReadError(`GET ${target.shown}: the answer holds no metric; is this the /metrics endpoint?`);
  return { inventory: parsed, errors: parsed.errors };
}

interface ApiAnswer<T> {
  status?: string;
  data?: T;
  error?: string;
}

async function api<T>(target: ReturnType<typeof endpoint>, path: string, params: [string, string][], opts: ReadOptions): Promise<T> {
  const url = new URL(target.url.href.replace(/\/+$/, '') + path);
  for (const [k, v] of params) url.searchParams.append(k, v);
  const text = await getText(target, url, 'application/json', opts.timeoutMs);
  let answer: ApiAnswer<T>;
  try {
    answer = JSON.parse(text) as ApiAnswer<T>;
  } catch {
    throw new LiveReadError(
      `GET ${url.href}: not a Prometheus API answer (not JSON); give the Prometheus base URL, e.g. http://localhost:9090`,
    );
  }
  if (answer.status !== 'success' || answer.data === undefined)
    throw new LiveReadError(`GET ${url.href}: Prometheus answered ${answer.status ?? 'nothing'}: ${answer.error ?? ''}`.trim());
  return answer.data;
}

export interface PrometheusReadOptions extends ReadOptions {
  /** How far back series count as live: long enough for a scrape or two, short enough to forget renamed metrics. */
  lookbackSeconds: number;
  now?: Date;
}

/** Every series Prometheus holds for each selector (one per service), with the types its metadata API reports. */
export async function readPrometheus(
  rawUrl: string,
  selectors: ReadonlyMap<string, string>,
  opts: PrometheusReadOptions,
): Promise<{ source: string; inventories: Map<string, LiveInventory> }> {
  const target = endpoint(rawUrl, '--prometheus-url');
  const base = target.shown.replace(/\/+$/, '');
  const end = (opts.now ?? new Date()).getTime() / 1000;
  const start = end - opts.lookbackSeconds;
  const metadata = await api<Record<string, { type?: string }[]>>(target, '/api/v1/metadata', [], opts);
  const types = new Map<string, LiveType>();
  for (const [name, entries] of Object.entries(metadata)) {
    // Targets may disagree about a name's type; the first one Prometheus lists is as good as any.
    const type = entries[0]?.type;
    types.set(name, (type === 'untyped' ? 'unknown' : (type ?? 'unknown')) as LiveType);
  }
  const out = new Map<string, LiveInventory>();
  for (const [service, selector] of selectors) {
    const series = await api<Record<string, string>[]>(
      target,
      '/api/v1/series',
      [
        ['match[]', selector],
        ['start', start.toFixed(3)],
        ['end', end.toFixed(3)],
      ],
      opts,
    );
    const map = new Map<string, LiveSeries>();
    for (const labels of series) {
      const name = labels['__name__'];
      if (name) addSeries(map, name, Object.entries(labels), types);
    }
    out.set(service, { source: `${base} ${selector}`, targetLabels: new Set(), series: map });
  }
  return { source: base, inventories: out };
}
