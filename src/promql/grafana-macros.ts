/**
 * Grafana rewrites a query before Prometheus sees it: `$__rate_interval` and friends become
 * durations or numbers, `$job` / `${job}` / `${job:regex}` / `[[job]]` become values. To parse what
 * the user wrote, each one is replaced by a placeholder of exactly the same length that is valid in
 * its position, so columns in the parsed text are columns in the user's text.
 */

/** Macros that stand for a duration (`[5m]`), and those that stand for a plain number. */
const DURATION_MACROS = new Set(['__rate_interval', '__interval', '__range', '__auto']);
const NUMBER_MACROS = new Set(['__range_s', '__range_ms', '__interval_ms', '__rate_interval_ms', '__from', '__to']);

export interface GrafanaVariableUse {
  /** Variable name without `$`, braces or format: `job`, `__rate_interval`. */
  name: string;
  /** 0-based offset of the reference in the text. */
  from: number;
  to: number;
  /** Whether the reference sits inside a string literal (a label value). */
  inString: boolean;
}

/**
 * Grafana's three spellings of a variable: `$name`; `[[name]]`, `[[name:format]]`; `${name}`,
 * `${name:format}`, `${name.field}`. Groups: 1 the `$name`; 2 the `[[name]]` and 3 its format;
 * 4 the `${name}`, 5 its field and 6 its format.
 */
export const GRAFANA_VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/;

const VARIABLE = new RegExp(GRAFANA_VARIABLE.source, 'y');

/** Every template variable or macro referenced in a query, in order. */
export function grafanaVariables(text: string): GrafanaVariableUse[] {
  const out: GrafanaVariableUse[] = [];
  scan(text, (use) => {
    out.push(use);
  });
  return out;
}

export function substituteGrafanaMacros(text: string): string {
  if (!text.includes('$') && !text.includes('[[')) return text;
  let result = '';
  let last = 0;
  scan(text, (use, context) => {
    if (use.inString) return;
    result += text.slice(last, use.from) + placeholder(use.name, use.to - use.from, context);
    last = use.to;
  });
  return result + text.slice(last);
}

type Context = 'duration' | 'other';

function placeholder(name: string, length: number, context: Context): string {
  if (DURATION_MACROS.has(name) || context === 'duration') {
    // `0…01s` is a valid duration of any length ≥ 2.
    return length >= 2 ? '1'.padStart(length - 1, '0') + 's' : '1';
  }
  if (NUMBER_MACROS.has(name)) return '1'.padStart(length, '0');
  // An identifier works as metric name, label name in `by (...)` and (as a vector) as an operand.
  return '_'.repeat(length - name.length) + name;
}

function scan(text: string, onUse: (use: GrafanaVariableUse, context: Context) => void): void {
  let quote: string | undefined;
  let bracketDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') {
        i++;
        continue;
      }
      if (c === quote) {
        quote = undefined;
        continue;
      }
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      continue;
    } else if (c === '[' && text[i + 1] !== '[') {
      bracketDepth++;
    } else if (c === ']') {
      bracketDepth = Math.max(0, bracketDepth - 1);
    }
    if (c !== '$' && !(c === '[' && text[i + 1] === '[')) continue;
    VARIABLE.lastIndex = i;
    const m = VARIABLE.exec(text);
    if (!m) continue;
    const name = (m[1] ?? m[2] ?? m[4])!;
    const afterOffset = /\boffset\s*$/i.test(text.slice(Math.max(0, i - 12), i));
    onUse({ name, from: i, to: i + m[0].length, inString: quote !== undefined }, bracketDepth > 0 || afterOffset ? 'duration' : 'other');
    i += m[0].length - 1;
  }
}
