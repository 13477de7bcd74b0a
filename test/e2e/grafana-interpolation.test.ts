/**
 * The end-to-end suite sends every dashboard query to a real Prometheus exactly as Grafana would
 * send it. These specifications pin down that translation: the intervals Grafana derives from a
 * time range, the built-in macros, and how variable values are formatted into PromQL.
 */
import { describe, expect, it } from 'vitest';

import { formatVariable, interpolate, type VariableValue } from '../../src/deliver/preview/grafana/interpolate.js';
import { panelQueries } from '../../src/deliver/preview/grafana/panels.js';
import {
  formatDuration,
  parseDuration,
  parseTimeBound,
  queryIntervals,
  roundInterval,
  timeMacros,
} from '../../src/deliver/preview/grafana/time.js';
import { parseLabelValues, resolveVariables, type TemplateVariableJson } from '../../src/deliver/preview/grafana/variables.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2024, 0, 1, 12);
const lastHour = { fromMs: NOW - HOUR, toMs: NOW };

/** What Prometheus makes of a double-quoted PromQL string literal: one level of backslashes goes. */
function promString(text: string): string {
  return JSON.parse(`"${text}"`) as string;
}

function matchesRegexMatcher(interpolated: string, labelValue: string): boolean {
  return new RegExp(`^(?:${promString(interpolated)})$`).test(labelValue);
}

describe('durations and time bounds', () => {
  it('reads Grafana and Prometheus durations, including the "at least" prefix', () => {
    expect(parseDuration('15s')).toBe(15_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('>10s')).toBe(10_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('5 minutes')).toThrow(/not a duration/);
  });

  it('writes durations Prometheus accepts, without losing precision', () => {
    expect(formatDuration(4_000)).toBe('4s');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(1_500)).toBe('1s500ms');
    expect(formatDuration(HOUR)).toBe('1h');
    for (const ms of [1, 999, 61_000, 86_400_001]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });

  it('resolves relative bounds against now', () => {
    expect(parseTimeBound('now', NOW)).toBe(NOW);
    expect(parseTimeBound('now-1h', NOW)).toBe(NOW - HOUR);
    expect(parseTimeBound('now-90m', NOW)).toBe(NOW - 90 * 60_000);
    expect(() => parseTimeBound('now/d', NOW)).toThrow(/unsupported/);
  });
});

describe('intervals Grafana derives for a query', () => {
  it('rounds the raw interval to a nice one', () => {
    expect(roundInterval(3_750)).toBe(5_000);
    expect(roundInterval(1_200)).toBe(1_000);
    expect(roundInterval(86_400)).toBe(60_000);
  });

  it('gives a one-hour panel 960 pixels wide a 5s interval on a 1s-scrape source', () => {
    const i = queryIntervals(lastHour, { maxDataPoints: 960, scrapeIntervalMs: 1_000 });
    expect(i).toEqual({ rangeMs: HOUR, intervalMs: 5_000, rateIntervalMs: 6_000, stepMs: 5_000 });
  });

  it('never goes below the scrape interval, and keeps $__rate_interval at four scrapes at least', () => {
    const i = queryIntervals(lastHour, { maxDataPoints: 960, scrapeIntervalMs: 15_000 });
    expect(i.intervalMs).toBe(15_000);
    expect(i.rateIntervalMs).toBe(60_000);
  });

  it('lets a min interval replace the scrape interval as the lower bound', () => {
    const i = queryIntervals(lastHour, { maxDataPoints: 960, scrapeIntervalMs: 1_000, minIntervalMs: 30_000 });
    expect(i.intervalMs).toBe(30_000);
    expect(i.rateIntervalMs).toBe(31_000);
  });

  it('widens the step when a range would exceed 11,000 points per series', () => {
    const month = { fromMs: NOW - 30 * 24 * HOUR, toMs: NOW };
    const i = queryIntervals(month, { maxDataPoints: 1_000_000, scrapeIntervalMs: 1_000 });
    expect(i.intervalMs).toBe(2_000);
    expect(i.stepMs).toBe(236_000);
  });

  it('fills in the built-in macros', () => {
    const macros = timeMacros(lastHour, queryIntervals(lastHour, { maxDataPoints: 960, scrapeIntervalMs: 1_000 }));
    expect(Object.fromEntries(macros)).toMatchObject({
      __interval: '5s',
      __interval_ms: '5000',
      __rate_interval: '6s',
      __range: '3600s',
      __range_s: '3600',
      __range_ms: String(HOUR),
      __from: String(NOW - HOUR),
      __to: String(NOW),
    });
  });
});

describe('variable interpolation', () => {
  const job: VariableValue = { values: ['fastapi'], all: false, multi: false, includeAll: false };
  const instanceAll: VariableValue = {
    values: ['127.0.0.1:8000', '127.0.0.1:8001'],
    all: true,
    allValue: '.+',
    multi: true,
    includeAll: true,
  };
  const handlerOne: VariableValue = { values: ['/items/{item_id}'], all: false, multi: true, includeAll: true, allValue: '.+' };
  const vars = new Map([
    ['job', job],
    ['instance', instanceAll],
    ['handler', handlerOne],
  ]);
  const macros = new Map([
    ['__rate_interval', '6s'],
    ['__range', '3600s'],
  ]);

  it('replaces every spelling of a variable and of a macro', () => {
    const { text, unresolved } = interpolate(
      'sum(rate(x{job="$job", a="${job}", b="[[job]]", instance=~"$instance"}[$__rate_interval])) + sum(increase(x[${__range}]))',
      vars,
      macros,
    );
    expect(text).toBe('sum(rate(x{job="fastapi", a="fastapi", b="fastapi", instance=~".+"}[6s])) + sum(increase(x[3600s]))');
    expect(unresolved).toEqual([]);
  });

  it('sends the custom All value raw, whatever the format', () => {
    expect(formatVariable('instance', instanceAll, undefined)).toBe('.+');
    expect(formatVariable('instance', instanceAll, 'regex')).toBe('.+');
    expect(formatVariable('instance', instanceAll, 'text')).toBe('All');
  });

  it('joins every option as a regex alternative for All without a custom value', () => {
    const all: VariableValue = { values: ['a.b:1', 'c'], all: true, multi: true, includeAll: true };
    const text = formatVariable('instance', all, undefined);
    expect(text).toBe('(a\\\\.b:1|c)');
    expect(matchesRegexMatcher(text, 'a.b:1')).toBe(true);
    expect(matchesRegexMatcher(text, 'aXb:1')).toBe(false);
  });

  it('escapes a single selected value of a multi-value variable so the =~ matcher matches it literally', () => {
    const { text } = interpolate('handler=~"$handler"', vars, macros);
    const value = /"(.*)"/.exec(text)![1]!;
    expect(value).toBe('/items/\\\\{item_id\\\\}');
    expect(matchesRegexMatcher(value, '/items/{item_id}')).toBe(true);
  });

  it('applies explicit formats', () => {
    const two: VariableValue = { values: ['a', 'b.c'], all: false, multi: true, includeAll: false };
    expect(formatVariable('v', two, 'regex')).toBe('(a|b\\.c)');
    expect(formatVariable('v', two, 'pipe')).toBe('a|b.c');
    expect(formatVariable('v', two, 'csv')).toBe('a,b.c');
    expect(formatVariable('v', two, 'glob')).toBe('{a,b.c}');
    expect(formatVariable('v', two, 'json')).toBe('["a","b.c"]');
    expect(formatVariable('v', two, 'doublequote')).toBe('"a","b.c"');
    expect(formatVariable('v', two, 'queryparam')).toBe('var-v=a&var-v=b.c');
    expect(() => formatVariable('v', two, 'lucene')).toThrow(/unsupported variable format/);
  });

  it('leaves regex group references and unknown names as written, and reports them', () => {
    const { text, unresolved } = interpolate('label_replace(x, "class", "${1}xx", "status", "(.).*") * $jobs', vars, macros);
    expect(text).toBe('label_replace(x, "class", "${1}xx", "status", "(.).*") * $jobs');
    expect(unresolved).toEqual(['1', 'jobs']);
  });
});

describe('dashboard variables resolved on load', () => {
  const calls: Array<[string, string | undefined]> = [];
  const source = {
    datasourceUid: 'prom-e2e',
    async labelValues(label: string, match: string | undefined): Promise<string[]> {
      calls.push([label, match]);
      const series: Record<string, string[]> = {
        job: ['fastapi', 'other'],
        instance: ['b:1', 'a:1'],
        handler: ['/items', '/items/{item_id}'],
      };
      return series[label] ?? [];
    },
  };
  const list: TemplateVariableJson[] = [
    { type: 'datasource', name: 'datasource', query: 'prometheus' },
    { type: 'query', name: 'job', query: 'label_values(up{job="fastapi"}, job)', current: { value: 'fastapi' } },
    {
      type: 'query',
      name: 'instance',
      query: 'label_values(up{job="$job"}, instance)',
      includeAll: true,
      multi: true,
      allValue: '.+',
      current: { value: ['$__all'] },
    },
    {
      type: 'query',
      name: 'handler',
      query: { query: 'label_values(http_requests_total{job="$job", instance=~"$instance"}, handler)', refId: 'V' },
      includeAll: true,
      multi: true,
      allValue: '.+',
      current: { value: ['/gone'] },
    },
    { type: 'custom', name: 'quantile', query: 'p50 : 0.5, p99 : 0.99', current: { value: '0.99' } },
  ];

  it('runs each query with the variables above it and keeps the saved selection where it still exists', async () => {
    const vars = await resolveVariables(list, source, new Map());
    expect(vars.get('datasource')!.values).toEqual(['prom-e2e']);
    expect(vars.get('job')).toMatchObject({ values: ['fastapi'], all: false });
    expect(vars.get('instance')).toMatchObject({ values: ['b:1', 'a:1'], all: true, allValue: '.+' });
    // The saved handler no longer exists: Grafana falls back to the first option.
    expect(vars.get('handler')).toMatchObject({ values: ['/items'], all: false });
    expect(vars.get('quantile')!.values).toEqual(['0.99']);
    expect(calls).toEqual([
      ['job', 'up{job="fastapi"}'],
      ['instance', 'up{job="fastapi"}'],
      ['handler', 'http_requests_total{job="fastapi", instance=~".+"}'],
    ]);
  });

  it('reads both label_values forms and refuses other queries', () => {
    expect(parseLabelValues('label_values(job)')).toEqual({ label: 'job', match: undefined });
    expect(parseLabelValues('label_values(up{a="b,c"}, instance)')).toEqual({ label: 'instance', match: 'up{a="b,c"}' });
    expect(() => parseLabelValues('query_result(up)', 'x')).toThrow(/only label_values/);
  });
});

describe('queries of a dashboard', () => {
  const dashboard = {
    panels: [
      { type: 'row', title: 'Top', panels: [] },
      {
        id: 2,
        type: 'stat',
        title: 'Rate',
        gridPos: { w: 6 },
        targets: [{ refId: 'A', expr: 'sum(rate(x[$__rate_interval]))', range: true }],
      },
      { type: 'row', title: 'Per handler', repeat: 'handler', panels: [] },
      {
        id: 4,
        type: 'table',
        title: 'Table',
        maxDataPoints: 100,
        interval: '30s',
        targets: [
          { refId: 'A', expr: 'a', instant: true, range: false },
          { refId: 'B', expr: 'b', hide: true },
          { refId: 'C', expr: 'c', instant: true, range: true, datasource: { type: 'prometheus' } },
          { refId: 'D', expr: '1', datasource: { type: '__expr__' } },
        ],
      },
      {
        type: 'row',
        title: 'Collapsed',
        collapsed: true,
        panels: [{ id: 6, type: 'timeseries', title: 'Inside', targets: [{ refId: 'A', expr: 'inside' }] }],
      },
    ],
  };
  const queries = panelQueries(dashboard);

  it('lists every visible Prometheus query, including those of collapsed rows', () => {
    expect(queries.map((q) => `${q.panelId}/${q.refId}`)).toEqual(['2/A', '4/A', '4/C', '6/A']);
  });

  it('runs range, instant or both as the query asks', () => {
    expect(queries.map((q) => q.kinds)).toEqual([['range'], ['instant'], ['range', 'instant'], ['range']]);
  });

  it('takes the resolution from maxDataPoints or the panel width, and the min interval from the panel', () => {
    expect(queries[0]).toMatchObject({ maxDataPoints: 480, minInterval: undefined });
    expect(queries[1]).toMatchObject({ maxDataPoints: 100, minInterval: '30s' });
  });

  it('repeats the panels of a repeated row over its variable, and no others', () => {
    expect(queries.map((q) => q.repeat)).toEqual([undefined, 'handler', 'handler', undefined]);
  });
});
