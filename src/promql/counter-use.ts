/**
 * What may consume a cumulative series (a counter, or a native histogram's counts) as it is: its
 * raw value only grows and resets on restart, so only rates and reset counts, presence and sample
 * times, and aggregations that count series read it correctly.
 */
import type { PromqlNode } from './ast.js';

/** Functions meaningful on a raw counter: they take its rate, or look at resets, presence or timestamps. */
export const COUNTER_SAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'rate',
  'irate',
  'increase',
  'resets',
  'absent',
  'absent_over_time',
  'present_over_time',
  'count_over_time',
  'changes',
  'timestamp',
]);

const COUNTER_SAFE_AGGREGATIONS: ReadonlySet<string> = new Set(['count', 'group']);

/** Whether the node consuming a raw counter (see walk's `consumer`) reads it correctly. */
export function readsCounterSafely(parent: PromqlNode | undefined): boolean {
  return (
    (parent?.kind === 'call' && COUNTER_SAFE_FUNCTIONS.has(parent.name)) ||
    (parent?.kind === 'aggregate' && COUNTER_SAFE_AGGREGATIONS.has(parent.op))
  );
}
