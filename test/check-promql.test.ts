/**
 * PromQL as dashboards and rules write it, Grafana macros included: what parses, what does not,
 * and where the error is, in the columns of the text the user wrote.
 */
import { describe, expect, it } from 'vitest';
import {
  aggregations,
  functionCalls,
  grafanaVariables,
  parsePromql,
  substituteGrafanaMacros,
  vectorSelectors,
} from '../src/promql/index.js';

describe('parsePromql', () => {
  it('accepts queries written with Grafana macros and variables', () => {
    for (const expr of [
      'sum by (handler) (rate(http_requests_total{job="$job", instance=~"$instance"}[$__rate_interval]))',
      'sum(increase(http_requests_total{job=~"${job:regex}"}[$__range])) / $__range_s',
      'rate(x_total[${__interval}] offset $__interval)',
      'sum by (${group}) (rate(x_total[5m]))',
      'histogram_quantile(0.99, sum by (le) (rate(x_bucket{job="$job"}[$__rate_interval])))',
      'up{job="[[job]]"} == 0',
    ]) {
      expect(parsePromql(expr).errors, expr).toEqual([]);
    }
  });

  it('reports an unclosed parenthesis at the end of input, at the parenthesis', () => {
    const expr = 'sum(rate(x_total[$__rate_interval])';
    expect(parsePromql(expr).errors).toEqual([
      { kind: 'syntax', line: 1, column: 4, message: '"(" is never closed: expected ")" before the end of the expression' },
    ]);
  });

  it('reports an unclosed brace or bracket the same way', () => {
    expect(parsePromql('up{job="a"').errors[0]).toMatchObject({ column: 3, message: expect.stringContaining('"{" is never closed') });
    expect(parsePromql('rate(x_total[5m)').errors[0]).toMatchObject({ kind: 'syntax' });
  });

  it('names an unknown function', () => {
    expect(parsePromql('sum(rated(x_total[5m]))').errors).toEqual([
      { kind: 'syntax', line: 1, column: 5, message: 'unknown function "rated"' },
    ]);
  });

  it('counts lines and columns in multi-line rule expressions', () => {
    const expr = 'sum(rate(x_total[5m]))\n  /\n  sum(rate(y_total))';
    const [error] = parsePromql(expr).errors;
    expect(error).toMatchObject({ kind: 'type', line: 3, column: expr.indexOf('y_total') + 1 });
  });

  it('finds the type errors Prometheus raises after parsing', () => {
    const message = (expr: string) => parsePromql(expr).errors.map((e) => e.message);
    expect(message('rate(x_total)')).toEqual([
      expect.stringContaining('expected type range vector in call to function "rate", got instant vector'),
    ]);
    expect(message('histogram_quantile(0.9, x_bucket[5m])')).toEqual([expect.stringContaining('expected type instant vector')]);
    expect(message('"a" > 1')).toEqual([expect.stringContaining('got string')]);
    expect(message('x and 1')).toEqual([expect.stringContaining('set operator "and"')]);
    expect(message('1 > 2')).toEqual([expect.stringContaining('bool modifier')]);
    expect(message('1 > bool 2')).toEqual([]);
    expect(message('rate(sum(x_total)[5m])')).toEqual([expect.stringContaining('subquery')]);
    expect(message('max_over_time(rate(x_total[1m])[10m:1m])')).toEqual([]);
    expect(message('sum(rate(x_total[5m])) offset 1h')).toEqual([expect.stringContaining('offset must follow')]);
    expect(message('topk(x, y)')).toEqual([expect.stringContaining('expected type scalar')]);
    expect(message('round(x)')).toEqual([]);
    expect(message('clamp_max(x)')).toEqual([expect.stringContaining('wrong number of arguments')]);
    expect(message('{}')).toEqual([expect.stringContaining('at least one non-empty matcher')]);
  });

  it('gives the value type of a valid expression', () => {
    expect(parsePromql('sum(rate(x_total[5m]))').type).toBe('vector');
    expect(parsePromql('scalar(x) * 2').type).toBe('scalar');
    expect(parsePromql('x[5m]').type).toBe('matrix');
  });
});

describe('Grafana macros', () => {
  it('are replaced by placeholders of the same length, so columns do not move', () => {
    const expr = 'rate(x_total{job="$job"}[$__rate_interval]) * $__range_s + ${k:raw}';
    const replaced = substituteGrafanaMacros(expr);
    expect(replaced).toHaveLength(expr.length);
    expect(replaced.indexOf('+')).toBe(expr.indexOf('+'));
    expect(replaced).toContain('job="$job"'); // label values are left alone
  });

  it('are listed with their names and positions', () => {
    expect(grafanaVariables('x{a="$a", b=~"${b:regex}"}[$__rate_interval]').map((u) => [u.name, u.from, u.inString])).toEqual([
      ['a', 5, true],
      ['b', 14, true],
      ['__rate_interval', 27, false],
    ]);
  });
});

describe('vectorSelectors', () => {
  it('lists metric, matchers, column and the range as written', () => {
    const expr =
      'sum by (le) (rate(http_request_duration_seconds_bucket{job="$job", le!~"x"}[$__rate_interval])) / rate(y_total[5m] offset 1h)';
    expect(vectorSelectors(expr)).toEqual([
      {
        metric: 'http_request_duration_seconds_bucket',
        matchers: [
          { label: 'job', op: '=', value: '$job' },
          { label: 'le', op: '!~', value: 'x' },
        ],
        column: expr.indexOf('http_request') + 1,
        range: '$__rate_interval',
      },
      { metric: 'y_total', matchers: [], column: expr.indexOf('y_total') + 1, range: '5m' },
    ]);
  });

  it('reads the metric name from a __name__ matcher', () => {
    expect(vectorSelectors('{__name__="up", job="a"}')[0]?.metric).toBe('up');
  });

  it('decodes escapes in label values', () => {
    expect(vectorSelectors('x{le=~"1(\\\\.0)?"}')[0]?.matchers[0]?.value).toBe('1(\\.0)?');
  });

  it('returns nothing for text that does not parse', () => {
    expect(vectorSelectors('sum(')).toEqual([]);
  });
});

describe('functionCalls and aggregations', () => {
  it('list calls with their argument texts', () => {
    const calls = functionCalls('histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))');
    expect(calls.map((c) => [c.name, c.argTexts, c.column])).toEqual([
      ['histogram_quantile', ['0.9', 'sum by (le) (rate(x_bucket[5m]))'], 1],
      ['rate', ['x_bucket[5m]'], 38],
    ]);
  });

  it('list aggregations with their by/without labels, wherever the clause is written', () => {
    expect(aggregations('sum without (instance) (x) + count(y) by (job, le)').map((a) => [a.op, a.grouping, a.column])).toEqual([
      ['sum', { mode: 'without', labels: ['instance'] }, 1],
      ['count', { mode: 'by', labels: ['job', 'le'] }, 30],
    ]);
  });
});
