/**
 * What every dac service dashboard guarantees, whichever module built it: the on-call engineer
 * finds the same variables, the same service selector in every query, valid PromQL, no overlapping
 * panels, colours on every number, and links that lead somewhere. Registered as a vitest suite for
 * any list of dashboards: built in memory, or read from out/dashboards/*.json.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { describe, expect, it } from 'vitest';
import type { Service } from '../src/config/types.js';
import { lintExpression } from '../src/check/expr-lint.js';
import { validateDashboardSchema } from '../src/check/schema.js';
import { MetricCatalog, parsePromql } from '../src/promql/index.js';
import {
  allPanels,
  contentPanels,
  nodes,
  overlaps,
  parse,
  queriesOf,
  unitOf,
  unwrap,
  variableSelector,
  variables,
  mappedText,
  seriesColour,
  exprs as exprsOf,
} from './dashboards.support.js';

export interface DashboardUnderTest {
  service: Service;
  json: Dashboard;
  /** Every uid the build emits (all services), for link targets. */
  emitted: ReadonlySet<string>;
  /** The uids of this service's dashboards. */
  siblings: readonly string[];
}

const THRESHOLD_PANELS = new Set(['stat', 'gauge', 'table']);

export function registerInvariants(label: string, dashboards: () => DashboardUnderTest[]): void {
  describe(label, () => {
    for (const d of dashboards()) {
      const { json, service } = d;
      describe(`${json.uid}`, () => {
        it('is read-only, shows the last hour refreshed every 30 s, and is tagged dac + the service tags', () => {
          expect(json.editable).toBe(false);
          expect(json.time).toEqual({ from: 'now-1h', to: 'now' });
          expect(json.refresh).toBe('30s');
          expect(json.tags?.[0]).toBe('dac');
          for (const t of service.tags) expect(json.tags).toContain(t);
          expect((json.title ?? '').startsWith(`${service.title} / `)).toBe(true);
        });

        it("matches the dashboard JSON schema that dac's checks enforce", () => {
          expect(validateDashboardSchema(JSON.parse(JSON.stringify(json)), { file: 'test', path: [json.uid ?? ''] })).toEqual([]);
        });

        it('offers datasource, job and instance variables; instance is multi-select with All meaning any', () => {
          const vars = variables(json);
          const byName = new Map(vars.map((v) => [v.name, v]));
          expect(vars.slice(0, 3).map((v) => v.name)).toEqual(['datasource', 'job', 'instance']);
          expect(byName.get('datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
          const job = byName.get('job')!;
          const jobSel = variableSelector(job);
          expect(jobSel, 'the job variable lists label values of a selector').toBeDefined();
          const jobMatchers = nodes(jobSel!).flatMap(({ node }) => (node.kind === 'selector' ? node.matchers : []));
          expect(jobMatchers).toContainEqual(expect.objectContaining({ label: 'job', op: '=', value: service.selector.job }));
          const instance = byName.get('instance')!;
          expect(instance).toMatchObject({ multi: true, includeAll: true, allValue: '.+', refresh: 2 });
          for (const v of vars.filter((x) => x.type === 'query')) {
            expect(variableSelector(v), `variable ${v.name}`).toBeDefined();
            expect(parsePromql(variableSelector(v)!).errors, `variable ${v.name}`).toEqual([]);
          }
        });

        it('gives every panel a title, an on-call description, a unit and the datasource variable', () => {
          for (const p of contentPanels(json)) {
            expect(p.title, `panel ${p.id}`).toMatch(/\S/);
            expect(p.description?.length ?? 0, `"${p.title}" description`).toBeGreaterThan(40);
            expect(unitOf(p), `"${p.title}" unit`).toMatch(/\S/);
            expect(p.datasource, `"${p.title}" datasource`).toEqual({ type: 'prometheus', uid: '${datasource}' });
            for (const t of p.targets ?? [])
              expect(t.datasource, `"${p.title}" query ${t.refId}`).toEqual({ type: 'prometheus', uid: '${datasource}' });
          }
        });

        it('colours every stat, gauge and table by levels that say when to act, or not at all: no leftover thresholds', () => {
          for (const p of contentPanels(json).filter((x) => THRESHOLD_PANELS.has(x.type))) {
            const steps = p.fieldConfig?.defaults?.thresholds?.steps ?? [];
            expect(steps[0]?.value, `"${p.title}" base step`).toBeNull();
            const values = steps.slice(1).map((s) => s.value as number);
            expect(values, `"${p.title}" steps ascend`).toEqual([...values].sort((a, b) => a - b));
            const colours = steps.map((s) => s.color);
            if (steps.length === 1) {
              // A number without a good or bad level: one neutral colour, nothing to trip.
              expect(['green', 'yellow', 'red'], `"${p.title}" is neutral`).not.toContain(colours[0]);
            } else {
              expect(colours, `"${p.title}" says when all is well and when to act`).toEqual(expect.arrayContaining(['green', 'red']));
              for (const c of colours) expect(['green', 'yellow', 'red'], `"${p.title}"`).toContain(c);
            }
          }
        });

        it('shows a dead target as "down" on every stat and gauge over a rate, never the last value it reported', () => {
          const live = contentPanels(json).filter(
            (p) => (p.type === 'stat' || p.type === 'gauge') && exprsOf(p).some((e) => /\brate\(/.test(e)),
          );
          for (const p of live) {
            expect(p.options?.['reduceOptions'], `"${p.title}" reduces to the newest value`).toMatchObject({ calcs: ['last'] });
            expect(mappedText(p, -1), `"${p.title}" maps the down reading`).toMatchObject({ text: 'down', color: 'red' });
            for (const e of exprsOf(p)) {
              const up = nodes(e).filter(({ node }) => node.kind === 'selector' && node.metric === 'up');
              expect(up.length, `"${p.title}" reads up`).toBeGreaterThan(0);
            }
          }
        });

        it('draws each status class in its own colour wherever classes or codes are split: 5xx red, 4xx orange, 2xx green', () => {
          const status = service.profile.http.labels.status;
          const splits = contentPanels(json).filter(
            (p) =>
              !THRESHOLD_PANELS.has(p.type) &&
              (p.targets ?? []).some((t) => ['{{status_class}}', `{{${status}}}`, '5xx', '4xx'].includes(t.legendFormat ?? '')),
          );
          for (const p of splits) {
            for (const name of ['500', '503', '5xx']) expect(seriesColour(p, name), `"${p.title}" ${name}`).toBe('red');
            for (const name of ['404', '429', '4xx']) expect(seriesColour(p, name), `"${p.title}" ${name}`).toBe('orange');
            for (const name of ['200', '201', '2xx']) expect(seriesColour(p, name), `"${p.title}" ${name}`).toBe('green');
            expect(seriesColour(p, '302'), `"${p.title}" 302`).toBe('blue');
          }
        });

        it('writes every query as valid PromQL (Grafana macros substituted)', () => {
          const queries = queriesOf(json);
          expect(queries.length).toBeGreaterThan(0);
          for (const q of queries) expect(parsePromql(q.expr).errors, q.where).toEqual([]);
        });

        it('passes the PromQL lint without errors: known metrics, rates on counters only, le kept', () => {
          const catalog = new MetricCatalog([service], []);
          for (const q of queriesOf(json)) {
            const errors = lintExpression(q.expr, { catalog, origin: 'dashboard' }).filter((f) => f.severity === 'error');
            expect(errors, q.where).toEqual([]);
          }
        });

        it('restricts every selector to the service: job="$job", its extra matchers and instance=~"$instance"', () => {
          for (const q of queriesOf(json)) {
            for (const { node } of nodes(q.expr)) {
              if (node.kind !== 'selector') continue;
              const m = node.matchers;
              expect(m, `${q.where}: ${q.expr.slice(node.from, node.to)}`).toContainEqual(
                expect.objectContaining({ label: 'job', op: '=', value: '$job' }),
              );
              expect(m, `${q.where}: ${q.expr.slice(node.from, node.to)}`).toContainEqual(
                expect.objectContaining({ label: 'instance', op: '=~', value: '$instance' }),
              );
              for (const [k, v] of Object.entries(service.selector.matchers)) {
                expect(m, q.where).toContainEqual(expect.objectContaining({ label: k, op: '=', value: v }));
              }
            }
          }
        });

        it('uses $__rate_interval in rate() and increase(), or $__range for totals over the range', () => {
          for (const q of queriesOf(json)) {
            for (const { node } of nodes(q.expr)) {
              if (node.kind !== 'call' || !['rate', 'increase', 'irate'].includes(node.name)) continue;
              const arg = node.args[0];
              expect(arg?.kind, q.where).toBe('matrix');
              const range = arg?.kind === 'matrix' ? arg.range : '';
              expect(node.name === 'increase' ? ['$__rate_interval', '$__range'] : ['$__rate_interval'], q.where).toContain(range);
            }
          }
        });

        it('computes every histogram_quantile from sum by (le, …) over rates of _bucket series', () => {
          for (const q of queriesOf(json)) {
            for (const { node } of nodes(q.expr)) {
              if (node.kind !== 'call' || node.name !== 'histogram_quantile') continue;
              const agg = unwrap(node.args[1]!);
              expect(agg.kind === 'aggregate' && agg.op, q.where).toBe('sum');
              if (agg.kind !== 'aggregate') continue;
              expect(agg.grouping?.mode, q.where).toBe('by');
              expect(agg.grouping?.labels, q.where).toContain('le');
              const inner = unwrap(agg.args[agg.args.length - 1]!);
              expect(inner.kind === 'call' && inner.name, q.where).toBe('rate');
              const selectorNames = nodes(q.expr.slice(inner.from, inner.to)).flatMap(({ node: n }) =>
                n.kind === 'selector' ? [n.metric] : [],
              );
              for (const name of selectorNames) expect(name, q.where).toMatch(/_bucket$/);
            }
          }
        });

        it('guards every division so zero traffic never shows NaN or Inf', () => {
          for (const q of queriesOf(json)) {
            for (const { node } of nodes(q.expr)) {
              if (node.kind !== 'binary' || node.op !== '/') continue;
              const den = unwrap(node.right);
              const floored = den.kind === 'call' && den.name === 'clamp_min';
              const filtered = den.kind === 'binary' && den.op === '>' && !den.bool && unwrap(den.right).kind === 'number';
              expect(floored || filtered, `${q.where}: denominator ${q.expr.slice(den.from, den.to)}`).toBe(true);
            }
          }
        });

        it('lays panels out without overlap on the 24-column grid, rows full width', () => {
          expect(overlaps(json)).toEqual([]);
          for (const p of allPanels(json)) {
            const g = p.gridPos!;
            expect(g.x + g.w, `"${p.title}"`).toBeLessThanOrEqual(24);
            if (p.type === 'row') expect(g).toMatchObject({ x: 0, w: 24, h: 1 });
          }
          const ids = allPanels(json).map((p) => p.id);
          expect(new Set(ids).size).toBe(ids.length);
        });

        it("links to the service's other dashboards, keeping time range and variables", () => {
          const links = (json.links ?? []) as { url?: string; keepTime?: boolean; includeVars?: boolean; type?: string }[];
          const targets = links.map((l) => l.url?.match(/^\/d\/([^/?#]+)/)?.[1]);
          for (const [i, uid] of targets.entries()) {
            expect(uid, `link ${i}`).toBeDefined();
            expect(d.emitted.has(decodeURIComponent(uid!)), `link to ${uid}`).toBe(true);
            expect(links[i]).toMatchObject({ keepTime: true, includeVars: true });
          }
          expect(targets.map((u) => decodeURIComponent(u!)).sort()).toEqual(
            d.siblings
              .filter((u) => u !== json.uid)
              .slice()
              .sort(),
          );
        });
      });
    }
  });
}

/** Parses and returns the AST, failing the test on a syntax error. */
export { parse };
