/**
 * The typed AST the checks read: a small tree over lezer's concrete one, every node carrying its
 * offsets in the user's own text (Grafana macros included), so a finding points at a column the
 * user can find.
 */
import type { Matcher } from '../core/promql-text.js';

export type { MatchOp } from '../core/promql-text.js';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface LabelMatcher extends Matcher {
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
