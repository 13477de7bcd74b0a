/**
 * Test inputs for imported ratio SLIs, found by reading their PromQL: when the error and total
 * queries select one counter with matchers (Sloth's events, OpenSLO's bad/total) or the error query
 * is `total - (good or total * 0)`, dac can write one series that counts as bad and one that counts as good, and
 * so prove the SLO's alerts fire and stay quiet like those of configured SLOs. Other shapes get no
 * generated tests.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { PromtoolSeries } from '../../rules/model.js';
import { selector } from '../../rules/promql.js';
import type { Matcher } from '../../rules/promql.js';
import type { FixtureOptions, SliFixture, Slo, TrafficSegment } from '../model.js';
import { counterValues } from '../process-series.js';

interface Selector {
  metric: string;
  matchers: Matcher[];
  text: string;
}

function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replace(/"/g, '\\"')}"` : literal) as string;
}

export function selectorsOf(query: string): Selector[] {
  const out: Selector[] = [];
  const tree = parser.parse(query);
  tree.iterate({
    enter: (node) => {
      if (node.name !== 'VectorSelector') return;
      const sel: Selector = { metric: '', matchers: [], text: query.slice(node.from, node.to) };
      const cursor = node.node.cursor();
      cursor.iterate((n) => {
        if (n.name === 'Identifier' && sel.metric === '') sel.metric = query.slice(n.from, n.to);
        if (n.name === 'UnquotedLabelMatcher') {
          const name = n.node.getChild('LabelName');
          const op = n.node.getChild('MatchOp');
          const value = n.node.getChild('StringLiteral');
          if (name && op && value)
            sel.matchers.push([
              query.slice(name.from, name.to),
              query.slice(op.from, op.to) as Matcher[1],
              unquote(query.slice(value.from, value.to)),
            ]);
        }
      });
      out.push(sel);
      return false;
    },
  });
  return out;
}

const COMMON = ['200', '2xx', '500', '5xx', '503', '429', '404', 'GET', 'POST', 'ok', 'error', 'success', 'true', 'false', '0', '1', ''];

/** Strings a regex alternation suggests: `(5..|429)` → 500, 429. */
function hints(regex: string): string[] {
  return regex
    .replace(/^\^|\$$/g, '')
    .replace(/[()]/g, '')
    .split('|')
    .map((alt) =>
      alt
        .replace(/\[(.)[^\]]*\]/g, '$1')
        .replace(/\\d/g, '0')
        .replace(/\.[*+]?/g, '0')
        .replace(/[?*+\\]/g, ''),
    );
}

function accepts(m: Matcher, value: string): boolean {
  const [, op, v] = m;
  if (op === '=') return value === v;
  if (op === '!=') return value !== v;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${v})$`);
  } catch {
    return false;
  }
  return op === '=~' ? re.test(value) : !re.test(value);
}

function candidates(matchers: readonly Matcher[]): string[] {
  return [...new Set([...matchers.flatMap(([, op, v]) => (op === '=' || op === '!=' ? [v] : hints(v))), ...COMMON])];
}

/** A value of `label` every `must` matcher accepts and, if given, `mustFail` rejects. */
function pick(must: readonly Matcher[], mustFail?: Matcher): string | undefined {
  return candidates(mustFail ? [...must, mustFail] : must).find(
    (c) => must.every((m) => accepts(m, c)) && (!mustFail || !accepts(mustFail, c)),
  );
}

function labelSet(matchers: readonly Matcher[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const label of [...new Set(matchers.map(([l]) => l))].sort()) {
    const v = pick(matchers.filter(([l]) => l === label));
    if (v === undefined) return undefined;
    if (v !== '') out[label] = v;
  }
  return out;
}

/** Labels matching `base` but not `narrow` (which is `base` plus more matchers). */
function outside(base: readonly Matcher[], narrow: readonly Matcher[]): Record<string, string> | undefined {
  const extra = narrow.filter((m) => !base.some((b) => b[0] === m[0] && b[1] === m[1] && b[2] === m[2]));
  for (const m of extra) {
    const v = pick(
      base.filter(([l]) => l === m[0]),
      m,
    );
    if (v === undefined) continue;
    const rest = labelSet(base.filter(([l]) => l !== m[0]));
    if (!rest) return undefined;
    return v === '' ? rest : { ...rest, [m[0]]: v };
  }
  return undefined;
}

function series(metric: string, labels: Record<string, string>, values: string): PromtoolSeries {
  return {
    series: selector(
      metric,
      Object.entries(labels).map(([k, v]) => [k, '=', v] as Matcher),
    ),
    values,
  };
}

export function synthesizeFixture(slo: Slo): SliFixture | undefined {
  const errors = selectorsOf(slo.sli.errors('5m'));
  const total = selectorsOf(slo.sli.total('5m'));
  if (total.length !== 1) return undefined;
  const t = total[0]!;
  let bad: Record<string, string> | undefined;
  let good: Record<string, string> | undefined;
  if (errors.length === 1 && errors[0]!.metric === t.metric) {
    const e = errors[0]!;
    bad = labelSet([...t.matchers, ...e.matchers]);
    good = outside(t.matchers, e.matchers);
  } else if (
    // total − (good or total × 0): the total, the good counter, and the total again.
    errors.length === 3 &&
    errors[0]!.text === t.text &&
    errors[1]!.metric === t.metric &&
    errors[2]!.text === t.text
  ) {
    const g = errors[1]!;
    good = labelSet([...t.matchers, ...g.matchers]);
    bad = outside(t.matchers, g.matchers);
  }
  if (!bad || !good || JSON.stringify(bad) === JSON.stringify(good)) return undefined;
  // Tests give each group its own value of the grouping labels, which a matcher on them may reject.
  if (slo.groupBy?.some((l) => [...errors, t].some((sel) => sel.matchers.some(([name]) => name === l)))) return undefined;
  const [b, g] = [bad, good];
  return (segments: readonly TrafficSegment[], options?: FixtureOptions) => {
    const extra = { ...(options?.instance ? { instance: options.instance } : {}), ...(options?.labels ?? {}) };
    return [
      series(
        t.metric,
        { ...g, ...extra },
        counterValues(segments, (s) => s.good),
      ),
      series(
        t.metric,
        { ...b, ...extra },
        counterValues(segments, (s) => s.bad),
      ),
    ];
  };
}
