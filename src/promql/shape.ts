/**
 * Parsing by shape: a definition built for many services yields expressions that differ only in
 * label values (`job="svc-1"`, `job="svc-2"`…). Matcher values that cannot change the parse (no
 * escapes, no regex metacharacters, not empty) are replaced by placeholders of the same length, so
 * every offset is kept; the shape is parsed once and each expression gets a copy of its tree with
 * its own values. A shape whose parse reports anything is not shared: errors quote the text.
 */
import type { LabelMatcher, ParsedPromql, PromqlNode } from './ast.js';
import { matcherValueAt } from './convert.js';
import { parsePromqlAlone } from './parse-text.js';
import { skipString } from './syntax-errors.js';

/** Entries a cache holds before it starts over: bounds memory on a project of thousands of services. */
export const CACHE_LIMIT = 20_000;

interface Literal {
  /** Offset of the opening quote. */
  from: number;
  value: string;
}

/** Each shape's parse, or null when it reported anything and cannot be shared. */
const shapeCache = new Map<string, ParsedPromql | null>();
const EXACT_VALUE = /^[A-Za-z0-9_\-:/., @]+$/;
const REGEX_VALUE = /^[A-Za-z0-9_\-:/, @]+$/;

export function parseByShape(expr: string): ParsedPromql | undefined {
  const literals: Literal[] = [];
  let shape = '';
  let last = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === '#') {
      while (i < expr.length && expr[i] !== '\n') i++;
      continue;
    }
    if (c !== '"' && c !== "'" && c !== '`') continue;
    const end = skipString(expr, i);
    const value = expr.slice(i + 1, end);
    if (c !== '`' && expr[end] === c && (matcherOpBefore(expr, i) === 'regex' ? REGEX_VALUE : EXACT_VALUE).test(value)) {
      literals.push({ from: i, value });
      shape += `${expr.slice(last, i + 1)}${'a'.repeat(value.length)}`;
      last = end;
    }
    i = end;
  }
  if (literals.length === 0) return undefined;
  shape += expr.slice(last);
  let base = shapeCache.get(shape);
  if (base === undefined) {
    const parsed = parsePromqlAlone(shape);
    base = parsed.errors.length === 0 && parsed.ast ? parsed : null;
    if (shapeCache.size >= CACHE_LIMIT) shapeCache.clear();
    shapeCache.set(shape, base);
  }
  if (!base?.ast) return undefined;
  const values = new Map(literals.map((l) => [l.from, l.value]));
  const ast = withValues(base.ast, values);
  // Every placeholder must have landed in a matcher that does not name the metric.
  if (!ast || values.size > 0) return undefined;
  return { errors: [], ast, type: base.type };
}

/** `exact` after `=` / `!=`, `regex` after `=~` / `!~`, undefined elsewhere (comparisons, arguments). */
function matcherOpBefore(text: string, quote: number): 'exact' | 'regex' | undefined {
  let i = quote - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  if (text[i] === '~') return text[i - 1] === '=' || text[i - 1] === '!' ? 'regex' : undefined;
  if (text[i] !== '=') return undefined;
  const before = text[i - 1];
  return before === '=' || before === '<' || before === '>' ? undefined : 'exact';
}

/** A copy of a shape's tree with the real matcher values; consumes `values` as they are placed. */
function withValues(n: PromqlNode, values: Map<number, string>): PromqlNode | undefined {
  switch (n.kind) {
    case 'selector': {
      const matchers: LabelMatcher[] = [];
      for (const m of n.matchers) {
        const at = matcherValueAt.get(m);
        const value = at === undefined ? undefined : values.get(at);
        if (value === undefined) {
          matchers.push({ ...m });
          continue;
        }
        if (m.label === '__name__') return undefined;
        values.delete(at!);
        matchers.push({ ...m, value });
      }
      return { ...n, matchers };
    }
    case 'matrix':
    case 'subquery':
    case 'offset':
    case 'at':
    case 'paren':
    case 'unary': {
      const expr = withValues(n.expr, values);
      return expr && { ...n, expr };
    }
    case 'call':
    case 'aggregate': {
      const args: PromqlNode[] = [];
      for (const a of n.args) {
        const c = withValues(a, values);
        if (!c) return undefined;
        args.push(c);
      }
      return { ...n, args };
    }
    case 'binary': {
      const left = withValues(n.left, values);
      const right = left && withValues(n.right, values);
      return right && { ...n, left: left!, right };
    }
    default:
      return { ...n };
  }
}
