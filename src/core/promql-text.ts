/**
 * PromQL as text, the part every step writes or reads: the four matcher operators, a label matcher
 * and the string literal a value becomes. Dashboards, rules, SLOs and the parser all spell
 * matchers; one definition keeps a value that needs escaping escaped the same way everywhere.
 */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  /** The value unquoted, as the series carries it (or the regex, for `=~` / `!~`). */
  value: string;
}

/** A PromQL double-quoted string literal. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
