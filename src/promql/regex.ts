/** Label regexes as Prometheus applies them: anchored, compiled once per text. */
import type { Matcher } from '../core/promql-text.js';

/** Whether a matcher also matches series that lack the label (an empty value). */
export function matchesEmpty(m: Matcher): boolean {
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
