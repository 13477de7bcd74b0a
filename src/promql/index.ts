/**
 * PromQL analysis: parsing (lezer's grammar → a typed AST with offsets in the user's text), the
 * type errors Prometheus raises after parsing, the labels a result carries, Grafana's macros and
 * variables inside queries, and which metric names a query may use. It reads expressions and
 * reports what it finds; what counts as a finding worth showing is check/'s business.
 *
 * Files: ast (node types), parse (cached entry point), shape (one parse per shape of text),
 * parse-text (one parse on its own), convert (lezer tree → AST), syntax-errors, typecheck and
 * functions (signatures), counter-use (what may read a raw counter), regex (label regexes), walk
 * (tree walkers and queries), labels (label flow), grafana-macros, metric-names.
 */
export type { Grouping, LabelMatcher, MatchOp, ParsedPromql, PromqlError, PromqlNode, ValueType, VectorMatching } from './ast.js';
export { COUNTER_SAFE_FUNCTIONS, readsCounterSafely } from './counter-use.js';
export { FUNCTIONS } from './functions.js';
export { GRAFANA_VARIABLE, grafanaVariables, substituteGrafanaMacros, type GrafanaVariableUse } from './grafana-macros.js';
export { mayCarry, outputLabels, type LabelSet } from './labels.js';
export { MetricCatalog, SYNTHETIC_SERIES, editDistance, isCounterName, type KnownKind } from './metric-names.js';
export { parsePromql, parsePromqlAlone } from './parse.js';
export { safeRegex } from './regex.js';
export { skipString } from './syntax-errors.js';
export {
  aggregations,
  childrenOf,
  consumer,
  functionCalls,
  textOf,
  vectorSelectors,
  walk,
  type AggregationInfo,
  type CallInfo,
  type SelectorInfo,
} from './walk.js';
