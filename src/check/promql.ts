/**
 * PromQL as the checks see it: the lezer grammar parses, this module turns the concrete tree into a
 * small typed AST, reports syntax errors (lezer's error nodes, which also mark an unclosed
 * parenthesis at the end of input) and type errors (the ones Prometheus' own parser raises after
 * parsing: a range where an instant vector is expected, strings in arithmetic…).
 *
 * Grafana macros and template variables are not PromQL; they are replaced by placeholders of the
 * same length before parsing, so every offset in the AST is an offset in the user's text.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { substituteGrafanaMacros } from './grafana-macros.js';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  /** Unquoted value, as written (Grafana variables left in place). */
  value: string;
  /** 0-based offset of the matcher in the expression. */
  from: number;
}

export interface Grouping {
  mode: 'by' | 'without';
  labels: string[];
}

export interface VectorMatching {
  mode: 'on' | 'ignoring';
  labels: string[];
  /** group_left / group_right and the labels they copy from the "one" side. */
  group?: { side: 'left' | 'right'; include: string[] };
}

interface Span {
  /** 0-based offsets into the original expression. */
  from: number;
  to: number;
}

export type PromqlNode =
  | (Span & { kind: 'number'; value: number })
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'selector'; metric: string | undefined; matchers: LabelMatcher[] })
  | (Span & { kind: 'matrix'; expr: PromqlNode; range: string })
  | (Span & { kind: 'subquery'; expr: PromqlNode; range: string; step: string | undefined })
  | (Span & { kind: 'offset'; expr: PromqlNode; offset: string })
  | (Span & { kind: 'at'; expr: PromqlNode })
  | (Span & { kind: 'call'; name: string; args: PromqlNode[] })
  | (Span & { kind: 'aggregate'; op: string; grouping: Grouping | undefined; args: PromqlNode[] })
  | (Span & {
      kind: 'binary';
      op: string;
      bool: boolean;
      matching: VectorMatching | undefined;
      left: PromqlNode;
      right: PromqlNode;
    })
  | (Span & { kind: 'unary'; op: '-' | '+'; expr: PromqlNode })
  | (Span & { kind: 'paren'; expr: PromqlNode })
  | (Span & { kind: 'unknown' });

export interface PromqlError {
  message: string;
  /** 1-based column: the character offset in the expression plus one. */
  column: number;
  /** 1-based line inside the expression (multi-line rule expressions). */
  line: number;
  kind: 'syntax' | 'type';
}

export interface ParsedPromql {
  errors: PromqlError[];
  /** Absent when the text has a syntax error. */
  ast: PromqlNode | undefined;
  /** The value type of the whole expression, when it type-checks. */
  type: ValueType | undefined;
}

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set(['and', 'or', 'unless']);

const OPERATOR_TOKENS: Record<string, string> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Gte: '>=',
  Gtr: '>',
  Lte: '<=',
  Lss: '<',
  Neq: '!=',
  And: 'and',
  Unless: 'unless',
  Or: 'or',
  TrimUpper: '</',
  TrimLower: '>/',
};

/** Parses once per distinct text: dashboards repeat expressions across services and checks. */
const cache = new Map<string, ParsedPromql>();
const CACHE_LIMIT = 20_000;

export function parsePromql(expr: string): ParsedPromql {
  const hit = cache.get(expr);
  if (hit) return hit;
  const result = parseByShape(expr) ?? parseUncached(expr);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(expr, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Parsing by shape: a definition built for many services yields expressions that differ only in
// label values (`job="svc-1"`, `job="svc-2"`…). Matcher values that cannot change the parse (no
// escapes, no regex metacharacters, not empty) are replaced by placeholders of the same length, so
// every offset is kept; the shape is parsed once and each expression gets a copy of its tree with
// its own values. A shape whose parse reports anything is not shared: errors quote the text.

interface Literal {
  /** Offset of the opening quote. */
  from: number;
  value: string;
}

/** Offset of each matcher's value literal, for the trees of shapes only. */
const matcherValueAt = new WeakMap<LabelMatcher, number>();
const shapeCache = new Map<string, ParsedPromql | null>();
const EXACT_VALUE = /^[A-Za-z0-9_\-:/., @]+$/;
const REGEX_VALUE = /^[A-Za-z0-9_\-:/, @]+$/;

function parseByShape(expr: string): ParsedPromql | undefined {
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
    const parsed = parseUncached(shape);
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

/** The parse of one text on its own, without the caches: what parsePromql must always agree with. */
export function parsePromqlAlone(expr: string): ParsedPromql {
  return parseUncached(expr);
}

function parseUncached(expr: string): ParsedPromql {
  const text = substituteGrafanaMacros(expr);
  const at = (offset: number, message: string, kind: PromqlError['kind']): PromqlError => ({
    message,
    kind,
    ...position(expr, offset),
  });
  if (text.trim() === '') return { errors: [at(0, 'empty expression', 'syntax')], ast: undefined, type: undefined };
  const tree = parser.parse(text);
  const syntax = firstSyntaxError(tree.topNode, text);
  if (syntax) return { errors: [at(syntax.offset, syntax.message, 'syntax')], ast: undefined, type: undefined };
  const top = tree.topNode.firstChild;
  if (!top) return { errors: [at(0, 'empty expression', 'syntax')], ast: undefined, type: undefined };
  const builder = new AstBuilder(expr, text);
  const ast = builder.expr(top);
  if (builder.errors.length > 0) {
    return { errors: builder.errors.map((e) => at(e.offset, e.message, 'syntax')), ast: undefined, type: undefined };
  }
  const typeErrors: { offset: number; message: string }[] = [];
  const type = typeOf(ast, typeErrors);
  return {
    errors: typeErrors.map((e) => at(e.offset, e.message, 'type')),
    ast,
    type: typeErrors.length === 0 ? type : undefined,
  };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return { line, column: offset + 1 };
}

// ---------------------------------------------------------------------------------------------
// Syntax errors: lezer recovers and marks what it skipped or missed with ⚠ nodes. Only the first
// is reported: the ones after it are usually echoes of the same mistake.

function firstSyntaxError(top: SyntaxNode, text: string): { offset: number; message: string } | undefined {
  let found: SyntaxNode | undefined;
  top.cursor().iterate((n) => {
    if (found) return false;
    if (n.type.isError) {
      found = n.node;
      return false;
    }
    return undefined;
  });
  if (!found) return undefined;
  const err = found;
  const unclosed = unclosedBracket(text);
  if (err.from >= text.trimEnd().length) {
    if (unclosed) {
      return {
        offset: unclosed.offset,
        message: `"${unclosed.char}" is never closed: expected "${CLOSER[unclosed.char]}" before the end of the expression`,
      };
    }
    return { offset: err.from, message: 'unexpected end of expression' };
  }
  const before = text.slice(0, err.from).match(/([A-Za-z_:][A-Za-z0-9_:]*)\s*$/);
  const skipped = text.slice(err.from, Math.max(err.to, err.from + 1)).trim();
  if (before && text.slice(err.from).trimStart().startsWith('(') && !KEYWORDS.has(before[1]!.toLowerCase())) {
    const name = before[1]!;
    return { offset: err.from - before[0].length, message: `unknown function "${name}"` };
  }
  return { offset: err.from, message: `unexpected "${skipped.slice(0, 20)}"` };
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless']);
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** The innermost bracket still open at the end of the text, skipping string literals. */
function unclosedBracket(text: string): { char: string; offset: number } | undefined {
  const stack: { char: string; offset: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') stack.push({ char: c, offset: i });
    else if ((c === ')' || c === ']' || c === '}') && stack.length > 0) stack.pop();
  }
  return stack[stack.length - 1];
}

/** Index of the closing quote of the string starting at `start` (or the last index if unterminated). */
export function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote !== '`' && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) return i;
    if (quote !== '`' && c === '\n') return i - 1;
  }
  return text.length - 1;
}

// ---------------------------------------------------------------------------------------------
// Concrete tree → AST.

const LEAVES = new Set(['NumberDurationLiteral', 'StringLiteral', 'VectorSelector']);

class AstBuilder {
  readonly errors: { offset: number; message: string }[] = [];
  constructor(
    private readonly original: string,
    private readonly text: string,
  ) {}

  private src(n: SyntaxNode): string {
    return this.original.slice(n.from, n.to);
  }

  private children(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  private exprChildren(n: SyntaxNode): SyntaxNode[] {
    return this.children(n).filter((c) => c.type.is('Expr'));
  }

  expr(n: SyntaxNode): PromqlNode {
    const span = { from: n.from, to: n.to };
    // Leaves (numbers, strings, selectors) are most nodes: only composites list their children.
    const kids = LEAVES.has(n.name) ? [] : this.exprChildren(n);
    switch (n.name) {
      case 'NumberDurationLiteral':
        return { ...span, kind: 'number', value: parseNumber(this.text.slice(n.from, n.to)) };
      case 'StringLiteral':
        return { ...span, kind: 'string', value: this.string(n) };
      case 'VectorSelector':
        return this.selector(n);
      case 'MatrixSelector': {
        const dur = n.getChild('DurationExpr');
        return { ...span, kind: 'matrix', expr: this.expr(kids[0]!), range: dur ? this.src(dur) : '' };
      }
      case 'SubqueryExpr': {
        const durs = n.getChildren('DurationExpr');
        return {
          ...span,
          kind: 'subquery',
          expr: this.expr(kids[0]!),
          range: durs[0] ? this.src(durs[0]) : '',
          step: durs[1] ? this.src(durs[1]) : undefined,
        };
      }
      case 'OffsetExpr': {
        const dur = n.getChild('OffsetDurationExpr');
        return { ...span, kind: 'offset', expr: this.expr(kids[0]!), offset: dur ? this.src(dur) : '' };
      }
      case 'StepInvariantExpr':
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return { ...span, kind: 'at', expr: this.expr(kids[0]!) };
      case 'ParenExpr':
        return { ...span, kind: 'paren', expr: this.expr(kids[0]!) };
      case 'UnaryExpr': {
        const op = n.getChild('UnaryOp');
        return { ...span, kind: 'unary', op: op && this.text.slice(op.from, op.to) === '-' ? '-' : '+', expr: this.expr(kids[0]!) };
      }
      case 'FunctionCall': {
        const id = n.getChild('FunctionIdentifier');
        const body = n.getChild('FunctionCallBody');
        return {
          ...span,
          kind: 'call',
          name: id ? this.text.slice(id.from, id.to) : '',
          args: body ? this.exprChildren(body).map((c) => this.expr(c)) : [],
        };
      }
      case 'AggregateExpr': {
        const op = n.getChild('AggregateOp');
        const body = n.getChild('FunctionCallBody');
        const mod = n.getChild('AggregateModifier');
        let grouping: Grouping | undefined;
        if (mod) {
          grouping = {
            mode: mod.getChild('Without') ? 'without' : 'by',
            labels: this.groupingLabels(mod.getChild('GroupingLabels')),
          };
        }
        return {
          ...span,
          kind: 'aggregate',
          op: op ? this.text.slice(op.from, op.to).toLowerCase() : '',
          grouping,
          args: body ? this.exprChildren(body).map((c) => this.expr(c)) : [],
        };
      }
      case 'BinaryExpr':
        return this.binary(n, kids);
      default:
        return { ...span, kind: 'unknown' };
    }
  }

  private binary(n: SyntaxNode, kids: SyntaxNode[]): PromqlNode {
    let op = '';
    for (const c of this.children(n)) {
      const token = OPERATOR_TOKENS[c.name];
      if (token) {
        op = token;
        break;
      }
    }
    let matching: VectorMatching | undefined;
    const clause = n.getChild('MatchingModifierClause');
    if (clause) {
      const lists = clause.getChildren('GroupingLabels');
      const side = clause.getChild('GroupLeft') ? 'left' : clause.getChild('GroupRight') ? 'right' : undefined;
      matching = {
        mode: clause.getChild('On') ? 'on' : 'ignoring',
        labels: this.groupingLabels(lists[0] ?? null),
        ...(side ? { group: { side, include: this.groupingLabels(lists[1] ?? null) } } : {}),
      };
    }
    return {
      from: n.from,
      to: n.to,
      kind: 'binary',
      op,
      bool: n.getChild('BoolModifier') !== null,
      matching,
      left: this.expr(kids[0]!),
      right: this.expr(kids[1]!),
    };
  }

  private groupingLabels(n: SyntaxNode | null): string[] {
    if (!n) return [];
    return this.children(n)
      .filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName')
      .map((c) => (c.name === 'LabelName' ? this.src(c) : this.string(c.firstChild ?? c)));
  }

  private selector(n: SyntaxNode): PromqlNode {
    const id = n.getChild('Identifier');
    let metric = id ? this.src(id) : undefined;
    const matchers: LabelMatcher[] = [];
    const list = n.getChild('LabelMatchers');
    if (list) {
      for (const m of this.children(list)) {
        if (m.name === 'QuotedLabelName') {
          // `{"metric.name"}`: the metric name written as a quoted string (Prometheus 3).
          metric = this.string(m.firstChild ?? m);
          continue;
        }
        if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
        const nameNode = m.firstChild;
        const opNode = m.getChild('MatchOp');
        const valueNode = m.getChild('StringLiteral');
        if (!nameNode || !opNode || !valueNode) continue;
        const label = nameNode.name === 'LabelName' ? this.src(nameNode) : this.string(nameNode.firstChild ?? nameNode);
        const op = this.text.slice(opNode.from, opNode.to) as MatchOp;
        // In a QuotedLabelMatcher the value is the last StringLiteral child.
        const values = m.getChildren('StringLiteral');
        const literal = values[values.length - 1] ?? valueNode;
        const matcher: LabelMatcher = { label, op, value: this.string(literal), from: m.from };
        matcherValueAt.set(matcher, literal.from);
        matchers.push(matcher);
      }
    }
    if (metric === undefined && !matchers.some((m) => !matchesEmpty(m))) {
      this.errors.push({ offset: n.from, message: 'vector selector must contain at least one non-empty matcher' });
    }
    const nameMatcher = matchers.find((m) => m.label === '__name__');
    if (metric !== undefined && nameMatcher) {
      this.errors.push({ offset: n.from, message: `metric name "${metric}" given twice (identifier and __name__ matcher)` });
    } else if (nameMatcher?.op === '=') {
      metric = nameMatcher.value;
    }
    return { from: n.from, to: n.to, kind: 'selector', metric, matchers };
  }

  /** Decodes a string literal, reporting an unterminated one (lezer accepts a missing quote). */
  private string(n: SyntaxNode): string {
    const raw = this.src(n);
    const quote = raw[0];
    if (raw.length < 2 || raw[raw.length - 1] !== quote || (quote !== '`' && raw.endsWith(`\\${quote}`) && !raw.endsWith(`\\\\${quote}`))) {
      this.errors.push({ offset: n.from, message: `unterminated string ${raw.slice(0, 20)}` });
      return raw.slice(1);
    }
    const body = raw.slice(1, -1);
    if (quote === '`') return body;
    return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_, esc: string) => {
      switch (esc[0]) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case 'u':
        case 'x':
          return String.fromCharCode(parseInt(esc.slice(1), 16));
        default:
          return /^[0-7]{3}$/.test(esc) ? String.fromCharCode(parseInt(esc, 8)) : esc;
      }
    });
  }
}

/** Whether a matcher also matches series that lack the label (an empty value). */
function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return safeRegex(m.value)?.test('') ?? false;
    case '!~':
      return !(safeRegex(m.value)?.test('') ?? true);
  }
}

const regexCache = new Map<string, RegExp | undefined>();

/** The label regex as Prometheus applies it (anchored), or undefined when it does not compile. */
export function safeRegex(source: string): RegExp | undefined {
  if (regexCache.has(source)) return regexCache.get(source);
  let re: RegExp | undefined;
  try {
    re = new RegExp(`^(?:${source})$`);
  } catch {
    re = undefined;
  }
  if (regexCache.size > 10_000) regexCache.clear();
  regexCache.set(source, re);
  return re;
}

function parseNumber(text: string): number {
  const t = text.replace(/_/g, '').toLowerCase();
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  if (t === 'nan') return NaN;
  const n = Number(t);
  return Number.isNaN(n) ? durationSeconds(t) : n;
}

function durationSeconds(t: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  for (const m of t.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * (units[m[2]!] ?? 0);
  return total;
}

// ---------------------------------------------------------------------------------------------
// Types. Signatures follow the Prometheus function reference; `?` marks an optional trailing
// argument and `...` a repeatable one.

type Arg = 'v' | 'm' | 's' | 'str';
interface Signature {
  args: Arg[];
  optional?: number;
  variadic?: boolean;
  returns: ValueType;
}

const sig = (args: Arg[], returns: ValueType, extra: Partial<Signature> = {}): Signature => ({ args, returns, ...extra });
const V2V = sig(['v'], 'vector');
const M2V = sig(['m'], 'vector');
const TIME_FN = sig(['v'], 'vector', { optional: 1 });

export const FUNCTIONS: Record<string, Signature> = {
  abs: V2V,
  absent: V2V,
  absent_over_time: M2V,
  acos: V2V,
  acosh: V2V,
  asin: V2V,
  asinh: V2V,
  atan: V2V,
  atanh: V2V,
  avg_over_time: M2V,
  ceil: V2V,
  changes: M2V,
  clamp: sig(['v', 's', 's'], 'vector'),
  clamp_max: sig(['v', 's'], 'vector'),
  clamp_min: sig(['v', 's'], 'vector'),
  cos: V2V,
  cosh: V2V,
  count_over_time: M2V,
  days_in_month: TIME_FN,
  day_of_month: TIME_FN,
  day_of_week: TIME_FN,
  day_of_year: TIME_FN,
  deg: V2V,
  delta: M2V,
  deriv: M2V,
  double_exponential_smoothing: sig(['m', 's', 's'], 'vector'),
  exp: V2V,
  first_over_time: M2V,
  floor: V2V,
  histogram_avg: V2V,
  histogram_count: V2V,
  histogram_fraction: sig(['s', 's', 'v'], 'vector'),
  histogram_quantile: sig(['s', 'v'], 'vector'),
  histogram_stddev: V2V,
  histogram_stdvar: V2V,
  histogram_sum: V2V,
  hour: TIME_FN,
  idelta: M2V,
  increase: M2V,
  irate: M2V,
  label_join: sig(['v', 'str', 'str', 'str'], 'vector', { variadic: true }),
  label_replace: sig(['v', 'str', 'str', 'str', 'str'], 'vector'),
  last_over_time: M2V,
  ln: V2V,
  log10: V2V,
  log2: V2V,
  mad_over_time: M2V,
  max_over_time: M2V,
  min_over_time: M2V,
  minute: TIME_FN,
  month: TIME_FN,
  pi: sig([], 'scalar'),
  predict_linear: sig(['m', 's'], 'vector'),
  present_over_time: M2V,
  quantile_over_time: sig(['s', 'm'], 'vector'),
  rad: V2V,
  rate: M2V,
  resets: M2V,
  round: sig(['v', 's'], 'vector', { optional: 1 }),
  scalar: sig(['v'], 'scalar'),
  sgn: V2V,
  sin: V2V,
  sinh: V2V,
  sort: V2V,
  sort_desc: V2V,
  sort_by_label: sig(['v', 'str'], 'vector', { variadic: true }),
  sort_by_label_desc: sig(['v', 'str'], 'vector', { variadic: true }),
  sqrt: V2V,
  stddev_over_time: M2V,
  stdvar_over_time: M2V,
  sum_over_time: M2V,
  tan: V2V,
  tanh: V2V,
  time: sig([], 'scalar'),
  timestamp: V2V,
  ts_of_first_over_time: M2V,
  ts_of_last_over_time: M2V,
  ts_of_max_over_time: M2V,
  ts_of_min_over_time: M2V,
  vector: sig(['s'], 'vector'),
  year: TIME_FN,
};

const AGGREGATE_PARAMS: Record<string, Arg> = {
  topk: 's',
  bottomk: 's',
  quantile: 's',
  limitk: 's',
  limit_ratio: 's',
  count_values: 'str',
};

const TYPE_NAMES: Record<ValueType, string> = {
  scalar: 'scalar',
  vector: 'instant vector',
  matrix: 'range vector',
  string: 'string',
};
const ARG_TYPES: Record<Arg, ValueType> = { v: 'vector', m: 'matrix', s: 'scalar', str: 'string' };

function typeOf(node: PromqlNode, errors: { offset: number; message: string }[]): ValueType | undefined {
  const err = (offset: number, message: string): undefined => {
    errors.push({ offset, message });
    return undefined;
  };
  switch (node.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'selector':
      return 'vector';
    case 'matrix': {
      const inner = unwrapOffset(node.expr);
      if (inner.kind !== 'selector') {
        typeOf(node.expr, errors);
        return err(node.from, 'ranges are only allowed on vector selectors: use a subquery `(...)[range:step]` instead');
      }
      return 'matrix';
    }
    case 'subquery': {
      const t = typeOf(node.expr, errors);
      if (t && t !== 'vector') return err(node.from, `subquery is only allowed on an instant vector, got ${TYPE_NAMES[t]}`);
      return 'matrix';
    }
    case 'offset':
    case 'at': {
      const t = typeOf(node.expr, errors);
      const inner = unwrapOffset(node.expr);
      if (node.kind === 'offset' && inner.kind !== 'selector' && inner.kind !== 'matrix' && inner.kind !== 'subquery') {
        return err(node.from, 'offset must follow a vector selector, a range selector or a subquery: move it inside, next to the metric');
      }
      return t;
    }
    case 'paren':
      return typeOf(node.expr, errors);
    case 'unary': {
      const t = typeOf(node.expr, errors);
      if (t && t !== 'scalar' && t !== 'vector')
        return err(node.from, `unary expression only allowed on scalars and instant vectors, got ${TYPE_NAMES[t]}`);
      return t;
    }
    case 'call':
      return typeOfCall(node, errors);
    case 'aggregate': {
      const param = AGGREGATE_PARAMS[node.op];
      const expected: Arg[] = param ? [param, 'v'] : ['v'];
      if (node.args.length !== expected.length) {
        return err(
          node.from,
          `wrong number of arguments for aggregate expression "${node.op}": expected ${expected.length}, got ${node.args.length}`,
        );
      }
      let ok = true;
      node.args.forEach((arg, i) => {
        const t = typeOf(arg, errors);
        const want = ARG_TYPES[expected[i]!];
        if (t && t !== want) {
          ok = false;
          err(arg.from, `expected type ${TYPE_NAMES[want]} in aggregation "${node.op}", got ${TYPE_NAMES[t]}`);
        }
      });
      return ok ? 'vector' : undefined;
    }
    case 'binary': {
      const l = typeOf(node.left, errors);
      const r = typeOf(node.right, errors);
      if (!l || !r) return undefined;
      for (const [t, side] of [
        [l, node.left],
        [r, node.right],
      ] as const) {
        if (t === 'string' || t === 'matrix') {
          return err(side.from, `binary expression must contain only scalar and instant vector types, got ${TYPE_NAMES[t]}`);
        }
      }
      if (node.bool && !COMPARISONS.has(node.op)) return err(node.from, 'bool modifier can only be used on comparison operators');
      if (COMPARISONS.has(node.op) && l === 'scalar' && r === 'scalar' && !node.bool) {
        return err(node.from, 'comparisons between scalars must use the bool modifier');
      }
      if (SET_OPS.has(node.op) && (l !== 'vector' || r !== 'vector')) {
        return err(node.from, `set operator "${node.op}" not allowed in binary scalar expression`);
      }
      if (node.matching && (l !== 'vector' || r !== 'vector')) {
        return err(node.from, 'vector matching (on/ignoring) only allowed between instant vectors');
      }
      if (node.matching?.group && SET_OPS.has(node.op)) {
        return err(node.from, `no grouping allowed for "${node.op}" operation`);
      }
      return l === 'vector' || r === 'vector' ? 'vector' : 'scalar';
    }
    case 'unknown':
      return undefined;
  }
}

function typeOfCall(node: Extract<PromqlNode, { kind: 'call' }>, errors: { offset: number; message: string }[]): ValueType | undefined {
  const signature = FUNCTIONS[node.name];
  const argTypes = node.args.map((a) => typeOf(a, errors));
  if (!signature) return 'vector'; // experimental functions: parsed, not typed
  const min = signature.args.length - (signature.optional ?? 0);
  const max = signature.variadic ? Infinity : signature.args.length;
  if (node.args.length < min || node.args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    errors.push({
      offset: node.from,
      message: `wrong number of arguments for function "${node.name}": expected ${expected}, got ${node.args.length}`,
    });
    return undefined;
  }
  let ok = true;
  node.args.forEach((arg, i) => {
    const want = ARG_TYPES[signature.args[Math.min(i, signature.args.length - 1)]!];
    const got = argTypes[i];
    if (got && got !== want) {
      ok = false;
      const hint = want === 'matrix' && got === 'vector' ? ': add a range, e.g. [$__rate_interval] or [5m]' : '';
      errors.push({
        offset: arg.from,
        message: `expected type ${TYPE_NAMES[want]} in call to function "${node.name}", got ${TYPE_NAMES[got]}${hint}`,
      });
    }
  });
  return ok ? signature.returns : undefined;
}

function unwrapOffset(n: PromqlNode): PromqlNode {
  return n.kind === 'offset' || n.kind === 'at' ? unwrapOffset(n.expr) : n;
}

// ---------------------------------------------------------------------------------------------
// Walking and queries over the AST.

export function childrenOf(n: PromqlNode): PromqlNode[] {
  switch (n.kind) {
    case 'matrix':
    case 'subquery':
    case 'offset':
    case 'at':
    case 'paren':
    case 'unary':
      return [n.expr];
    case 'call':
    case 'aggregate':
      return n.args;
    case 'binary':
      return [n.left, n.right];
    default:
      return [];
  }
}

/** Visits every node depth-first, with its ancestors (outermost first). */
export function walk(root: PromqlNode, visit: (node: PromqlNode, ancestors: readonly PromqlNode[]) => void): void {
  walkFrom(root, visit, []);
}

// A module-level function, not a closure made per call: the build calls walk tens of thousands of times.
function walkFrom(n: PromqlNode, visit: (node: PromqlNode, ancestors: readonly PromqlNode[]) => void, ancestors: PromqlNode[]): void {
  visit(n, ancestors);
  ancestors.push(n);
  for (const c of childrenOf(n)) walkFrom(c, visit, ancestors);
  ancestors.pop();
}

export interface SelectorInfo {
  metric: string | undefined;
  matchers: { label: string; op: MatchOp; value: string }[];
  /** 1-based column of the selector in the expression. */
  column: number;
  /** The range written after the selector, as written (`5m`, `$__rate_interval`). */
  range?: string;
}

/** Every vector selector of an expression, in reading order; empty when the text does not parse. */
export function vectorSelectors(expr: string): SelectorInfo[] {
  const { ast } = parsePromql(expr);
  if (!ast) return [];
  const out: SelectorInfo[] = [];
  walk(ast, (n, ancestors) => {
    if (n.kind !== 'selector') return;
    const parent = [...ancestors].reverse().find((a) => a.kind !== 'offset' && a.kind !== 'at');
    out.push({
      metric: n.metric,
      matchers: n.matchers.map(({ label, op, value }) => ({ label, op, value })),
      column: n.from + 1,
      ...(parent?.kind === 'matrix' ? { range: parent.range } : {}),
    });
  });
  return out;
}

export interface CallInfo {
  name: string;
  args: PromqlNode[];
  /** Argument texts as written. */
  argTexts: string[];
  column: number;
}

export function functionCalls(expr: string): CallInfo[] {
  const { ast } = parsePromql(expr);
  if (!ast) return [];
  const out: CallInfo[] = [];
  walk(ast, (n) => {
    if (n.kind === 'call')
      out.push({ name: n.name, args: n.args, argTexts: n.args.map((a) => expr.slice(a.from, a.to)), column: n.from + 1 });
  });
  return out;
}

export interface AggregationInfo {
  op: string;
  grouping: Grouping | undefined;
  args: PromqlNode[];
  column: number;
}

export function aggregations(expr: string): AggregationInfo[] {
  const { ast } = parsePromql(expr);
  if (!ast) return [];
  const out: AggregationInfo[] = [];
  walk(ast, (n) => {
    if (n.kind === 'aggregate') out.push({ op: n.op, grouping: n.grouping, args: n.args, column: n.from + 1 });
  });
  return out;
}

/** The text of a node in its expression. */
export function textOf(expr: string, n: PromqlNode): string {
  return expr.slice(n.from, n.to);
}
