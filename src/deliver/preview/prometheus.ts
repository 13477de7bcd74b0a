/**
 * Real data: each query sent to Prometheus as Grafana's Prometheus data source sends it — a range
 * query over the dashboard's time range with the bounds aligned to the step, or an instant query at
 * its end — and variables resolved from the same server. A refused query keeps Prometheus's own
 * message, which the panel shows in its corner as Grafana does.
 */
import type { VariableValue } from './grafana/interpolate.js';
import { resolveVariables, type TemplateVariableJson } from './grafana/variables.js';
import type { TimeRange } from './grafana/time.js';
import { seriesName, type DataSource, type PanelQuerySpec, type QueryResult, type Series } from './data.js';

export interface PrometheusOptions {
  url: string;
  timeoutMs: number;
  /** What a `datasource` variable resolves to; any uid works, since queries go to this server. */
  datasourceUid?: string;
}

interface ApiAnswer {
  status: 'success' | 'error';
  data?: unknown;
  error?: string;
  errorType?: string;
}

type Sample = [number, string];
interface ResultData {
  resultType: 'matrix' | 'vector' | 'scalar' | 'string';
  result: unknown;
}

/** Thrown when the server cannot be reached at all: the whole preview stops (exit 2), not one panel. */
export class PrometheusUnreachable extends Error {}

export class PrometheusSource implements DataSource {
  readonly synthetic = false;
  private readonly base: URL;
  private readonly authorization: string | undefined;

  constructor(private readonly options: PrometheusOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--prometheus-url must be http(s), got ${url.protocol}`);
    this.authorization =
      url.username || url.password
        ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
        : undefined;
    url.username = '';
    url.password = '';
    this.base = url;
  }

  /** The URL without credentials, for messages. */
  get shownUrl(): string {
    return this.base.toString().replace(/\/$/, '');
  }

  async variables(list: readonly unknown[], range: TimeRange, macros: ReadonlyMap<string, string>): Promise<Map<string, VariableValue>> {
    return resolveVariables(
      list as TemplateVariableJson[],
      {
        datasourceUid: this.options.datasourceUid ?? 'prometheus',
        labelValues: async (label, match) => {
          const params = new URLSearchParams({ start: String(range.fromMs / 1000), end: String(range.toMs / 1000) });
          if (match !== undefined) params.append('match[]', match);
          // Prometheus serves label values to GET only (405 to a POST); queries take POST, as Grafana sends them.
          const data = await this.get(`api/v1/label/${encodeURIComponent(label)}/values`, params, 'GET');
          return (data as string[]).slice().sort();
        },
      },
      macros,
    );
  }

  async run(query: PanelQuerySpec): Promise<QueryResult> {
    const base = { refId: query.refId, kind: query.kind, expr: query.expr };
    try {
      const params =
        query.kind === 'range'
          ? new URLSearchParams({
              query: query.expr,
              start: String(alignDown(query.range.fromMs, query.stepMs) / 1000),
              end: String(alignDown(query.range.toMs, query.stepMs) / 1000),
              step: String(query.stepMs / 1000),
            })
          : new URLSearchParams({ query: query.expr, time: String(query.range.toMs / 1000) });
      const data = (await this.get(query.kind === 'range' ? 'api/v1/query_range' : 'api/v1/query', params)) as ResultData;
      return { ...base, series: toSeries(data, query) };
    } catch (err) {
      if (err instanceof PrometheusUnreachable) throw err;
      return { ...base, series: [], error: (err as Error).message };
    }
  }

  private async get(path: string, params: URLSearchParams, method: 'GET' | 'POST' = 'POST'): Promise<unknown> {
    const url = new URL(path, this.base.toString().endsWith('/') ? this.base : `${this.base.toString()}/`);
    if (method === 'GET') url.search = params.toString();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        ...(method === 'POST' ? { body: params } : {}),
        headers: {
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(this.authorization ? { authorization: this.authorization } : {}),
        },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new PrometheusUnreachable(`cannot reach Prometheus at ${this.shownUrl}: ${cause}`);
    }
    const text = await response.text();
    let answer: ApiAnswer;
    try {
      answer = JSON.parse(text) as ApiAnswer;
    } catch {
      throw new PrometheusUnreachable(`${this.shownUrl} answered HTTP ${response.status} without Prometheus JSON: is it a Prometheus?`);
    }
    if (answer.status !== 'success') throw new Error(answer.error ?? `HTTP ${response.status}`);
    return answer.data;
  }
}

function alignDown(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}

const number = (v: string): number => Number(v);

function toSeries(data: ResultData, query: PanelQuerySpec): Series[] {
  const make = (labels: Record<string, string>, samples: Sample[]): Series => ({
    refId: query.refId,
    name: seriesName(query.legendFormat, labels, query.expr),
    labels,
    times: samples.map(([t]) => Math.round(t * 1000)),
    values: samples.map(([, v]) => number(v)),
  });
  switch (data.resultType) {
    case 'matrix':
      return (data.result as Array<{ metric: Record<string, string>; values: Sample[] }>).map((s) => make(s.metric, s.values));
    case 'vector':
      return (data.result as Array<{ metric: Record<string, string>; value: Sample }>).map((s) => make(s.metric, [s.value]));
    case 'scalar':
      return [make({}, [data.result as Sample])];
    default:
      return [];
  }
}
