/**
 * The PromQL parser shares one parse between expressions that differ only in plain label values
 * (the same definition built for many services). Whatever it shares, every expression must get
 * exactly the tree, errors and findings it would get parsed on its own.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../src/config/validate.js';
import { lintExpression } from '../src/check/expr-lint.js';
import { MetricCatalog, parsePromql, parsePromqlAlone } from '../src/promql/index.js';
import { loadProject } from '../src/definitions/load.js';
import { assembleLoaded } from '../src/model/assemble.js';
import { repoRoot } from '../tools/project-copy.js';

/** The same text with every letter inside double quotes shifted: same shape, other values. */
function sibling(expr: string): string {
  return expr.replace(
    /"([^"\\\n]*)"/g,
    (_, body: string) => `"${body.replace(/[a-y]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 1))}"`,
  );
}

function expressionsIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) expressionsIn(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'expr' && typeof v === 'string') into.add(v);
      else expressionsIn(v, into);
    }
  }
}

describe('parsing PromQL by shape', () => {
  it('gives every expression of a many-service project the tree it gets parsed alone', async () => {
    const project = await loadProject(repoRoot);
    // The project's alerting teams name its real services; the twelve copies belong to no team.
    const { alerting: _teams, ...config } = project.config.value as { services: Record<string, unknown>[]; alerting?: unknown };
    const template = config.services[0]!;
    const many = {
      ...config,
      services: Array.from({ length: 12 }, (_, i) => ({
        ...template,
        name: `svc-${i}`,
        title: `Service ${i}`,
        selector: { job: i % 3 === 0 ? `svc-${i}` : `payments-${'x'.repeat(i)}`, namespace: `team.${i}` },
      })),
    };
    const services = resolveConfig(many, project.config.source);
    const model = assembleLoaded({ ...project, config: { ...project.config, value: many } }, [], services);
    const exprs = new Set<string>();
    for (const f of model.ruleFiles) for (const g of f.groups) for (const r of g.rules) exprs.add(r.expr);
    for (const d of model.dashboards) expressionsIn(d.json, exprs);
    expect(exprs.size).toBeGreaterThan(500);
    // Findings are computed from the tree and the text alone: the same tree means the same findings.
    for (const e of exprs) expect(parsePromql(e), e).toEqual(parsePromqlAlone(e));
  });

  it.each([
    ['a plain job matcher', 'sum(rate(http_requests_total{job="items-api", status=~"5.."}[5m])) > 0'],
    ['a regex matcher without metacharacters', 'up{job=~"itemsapi"}'],
    ['a negated regex', 'up{job!~"items api"} == 0'],
    ['a __name__ matcher', '{__name__="up", job="items"}'],
    ['an empty value', '{job=""}'],
    ['a string compared with !=', 'up != "abc"'],
    ['a string in arithmetic', 'up{job="items"} + "abc"'],
    ['a syntax error after a value', 'up{job="items"} bogus'],
    ['an unterminated value', 'up{job="items'],
    ['a comment with quotes', 'up{job="items"} # see "runbook"\n+ 1'],
    ['an escaped quote', 'up{job="it\\"ems"}'],
    ['function string arguments', 'label_replace(up{job="items"}, "dst", "$1", "src", "(.*)")'],
    ['a quoted label name', 'sum by ("job") (up{"job"="items"})'],
    ['single quotes', "up{job='items'}"],
    ['a Grafana variable', 'up{job="$job", instance=~"items"}'],
    ['a comparison with ==', 'up == "items"'],
  ])('matches parsing alone for %s, after a sibling filled the cache', (_, expr) => {
    parsePromql(sibling(expr));
    expect(parsePromql(expr)).toEqual(parsePromqlAlone(expr));
  });

  it('runs the grammar once for expressions that differ only in label values of the same length', () => {
    const parse = vi.spyOn(parser, 'parse');
    try {
      for (let i = 10; i < 20; i++) parsePromql(`sum(rate(http_requests_total{job="shop-${i}", code=~"5.."}[5m])) by (route) > 0.5`);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('reports findings with the real values, not the shared placeholder', () => {
    parsePromql('up{job=~"aaaaaaaa"}');
    const catalog = new MetricCatalog([], new Set());
    const findings = lintExpression('up{job=~"itemsapi"}', { catalog, origin: 'rule' });
    expect(findings.map((f) => f.message)).toContain('job=~"itemsapi" has no regex characters');
  });
});
