/**
 * Alert templates and the labels they may read: a template that does not parse stops the rule
 * file from loading; one that reads an aggregated-away label prints an empty string at 3 a.m.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../src/check/go-template.js';
import { mayCarry, outputLabels } from '../src/promql/index.js';

describe('parseTemplate', () => {
  it('accepts what Prometheus alert templates use', () => {
    for (const t of [
      '{{ $labels.handler }} answers {{ $value | humanizePercentage }} errors',
      '{{ printf "%.2f" $value }} s on {{ $labels.instance }}',
      '{{ if gt $value 0.5 }}slow{{ else }}ok{{ end }}',
      '{{- range $i, $l := $labels }}{{ $i }}={{ $l }} {{ end -}}',
      '{{ with query "up" }}{{ . | first | value | humanize }}{{ end }}',
      '{{ index $labels "job" }} via {{ $externalLabels.cluster }} {{ .Labels.job }}',
      'no template at all',
    ]) {
      expect(parseTemplate(t).errors, t).toEqual([]);
    }
  });

  it('reports unclosed actions, unknown functions, stray ends and undefined variables at their offset', () => {
    expect(parseTemplate('{{ $labels.job }').errors).toEqual([{ offset: 0, message: 'unclosed action: "{{" without matching "}}"' }]);
    expect(parseTemplate('at {{ $value | humanise }}').errors).toEqual([{ offset: 15, message: 'function "humanise" not defined' }]);
    expect(parseTemplate('{{ end }}').errors[0]?.message).toContain('no block is open');
    expect(parseTemplate('{{ if $value }}x').errors[0]?.message).toContain('never closed');
    expect(parseTemplate('{{ $label.job }}').errors[0]?.message).toBe('undefined variable "$label"');
    expect(parseTemplate('{{ $value | }}').errors[0]?.message).toContain('missing command');
  });

  it('lists the labels read and whether the value is used', () => {
    const parsed = parseTemplate('{{ $labels.handler }} {{ .Labels.method }} {{ index $labels "status" }} {{ $value }}');
    expect(parsed.labels.map((l) => l.name)).toEqual(['handler', 'method', 'status']);
    expect(parsed.usesValue).toBe(true);
  });
});

describe('outputLabels: which labels survive an expression', () => {
  const carries = (expr: string, label: string) => mayCarry(outputLabels(expr), label);

  it('keeps exactly the by () labels of an aggregation', () => {
    expect(carries('sum by (job, handler) (rate(x_total[5m])) > 1', 'handler')).toBe(true);
    expect(carries('sum by (job) (rate(x_total[5m])) > 1', 'handler')).toBe(false);
    expect(carries('sum(rate(x_total[5m])) > 1', 'job')).toBe(false);
  });

  it('removes the without () labels and keeps the rest', () => {
    expect(carries('sum without (instance) (rate(x_total[5m]))', 'instance')).toBe(false);
    expect(carries('sum without (instance) (rate(x_total[5m]))', 'handler')).toBe(true);
  });

  it('follows vector matching: on () keeps only its labels, group_left adds the included ones', () => {
    expect(carries('a_total / on (job) b_total', 'handler')).toBe(false);
    expect(carries('a_total / on (job) b_total', 'job')).toBe(true);
    expect(carries('a_total / ignoring (handler) b_total', 'handler')).toBe(false);
    expect(carries('sum by (job) (a_total) * on (job) group_left (version) info', 'version')).toBe(true);
  });

  it('drops le after histogram_quantile and knows absent() labels come from its matchers', () => {
    expect(carries('histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m])))', 'le')).toBe(false);
    expect(carries('histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m])))', 'job')).toBe(true);
    expect(carries('absent(up{job="api"})', 'job')).toBe(true);
    expect(carries('absent(up{job="api"})', 'instance')).toBe(false);
  });

  it('stays silent (may carry) when the expression leaves it open', () => {
    expect(carries('rate(x_total[5m]) > 0', 'anything')).toBe(true);
    expect(carries('label_replace(sum(x), "dst", "$1", "src", "(.*)")', 'dst')).toBe(true);
  });
});
