/** Walking the AST, and the queries the checks make of an expression's text. */
import type { Matcher } from '../core/promql-text.js';
import type { Grouping, PromqlNode } from './ast.js';
import { parsePromql } from './parse.js';

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

/** The function or aggregation a selector's value flows into, skipping ranges, offsets and parens. */
export function consumer(ancestors: readonly PromqlNode[]): PromqlNode | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.kind === 'matrix' || a.kind === 'offset' || a.kind === 'at' || a.kind === 'paren') continue;
    return a;
  }
  return undefined;
}

export interface SelectorInfo {
  metric: string | undefined;
  matchers: Matcher[];
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
