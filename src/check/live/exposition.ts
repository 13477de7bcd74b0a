/**
 * The Prometheus text exposition format (0.0.4) and OpenMetrics 1.0 as a /metrics page serves
 * them, read into a live inventory: TYPE lines give the families' types, samples give the series
 * names, their label names and a histogram's `le` boundaries. Values are not needed and not kept.
 */
import { addSeries, type LiveInventory, type LiveSeries, type LiveType } from './inventory.js';

export interface ExpositionError {
  /** 1-based line of the page. */
  line: number;
  message: string;
}

export interface ParsedExposition {
  series: Map<string, LiveSeries>;
  /** Families declared by a TYPE line, whether or not they have samples yet. */
  types: Map<string, LiveType>;
  errors: ExpositionError[];
  samples: number;
}

const TYPES = new Set<LiveType>(['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'unknown']);
const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_:]/;

export function parseExposition(text: string): ParsedExposition {
  const types = new Map<string, LiveType>();
  const samples: { name: string; labels: [string, string][] }[] = [];
  const errors: ExpositionError[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s+TYPE\s+(\S+)\s+(\S+)\s*$/.exec(line);
      if (m) {
        const type = m[2]!.toLowerCase() as LiveType;
        // `untyped` is the text format's spelling of OpenMetrics' `unknown`.
        types.set(unquote(m[1]!), TYPES.has(type) ? type : 'unknown');
      }
      return;
    }
    try {
      samples.push(parseSample(line));
    } catch (err) {
      errors.push({ line: i + 1, message: (err as Error).message });
    }
  });
  // TYPE lines come before their samples, but resolving families needs every TYPE first only when
  // a page interleaves them; a second pass keeps the parser indifferent to that order.
  const series = new Map<string, LiveSeries>();
  for (const s of samples) addSeries(series, s.name, s.labels, types);
  return { series, types, errors, samples: samples.length };
}

/** A /metrics page as an inventory; the scrape adds `job` and `instance` to every series. */
export function inventoryFromExposition(
  text: string,
  source: string,
  targetLabels: Iterable<string> = [],
): LiveInventory & ParsedExposition {
  const parsed = parseExposition(text);
  return { ...parsed, source, targetLabels: new Set(['job', 'instance', ...targetLabels]), textExposition: true };
}

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/\\(.)/g, '$1') : name;
}

class Cursor {
  i = 0;
  constructor(readonly text: string) {}
  peek(): string | undefined {
    return this.text[this.i];
  }
  skipSpaces(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }
  fail(message: string): never {
    throw new Error(`${message} at column ${this.i + 1}`);
  }
  name(what: string): string {
    const start = this.i;
    if (!NAME_START.test(this.text[this.i] ?? '')) this.fail(`expected a ${what}`);
    while (NAME_CHAR.test(this.text[this.i] ?? '')) this.i++;
    return this.text.slice(start, this.i);
  }
  quoted(): string {
    if (this.text[this.i] !== '"') this.fail('expected a quoted label value');
    let out = '';
    for (this.i++; this.i < this.text.length; this.i++) {
      const c = this.text[this.i]!;
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const next = this.text[++this.i];
        out += next === 'n' ? '\n' : (next ?? '');
      } else out += c;
    }
    return this.fail('unterminated label value');
  }
}

function parseSample(line: string): { name: string; labels: [string, string][] } {
  const c = new Cursor(line);
  let name: string | undefined;
  if (c.peek() !== '{') name = c.name('metric name');
  const labels: [string, string][] = [];
  if (c.peek() === '{') {
    c.i++;
    c.skipSpaces();
    while (c.peek() !== '}') {
      if (c.peek() === undefined) c.fail('"{" is never closed');
      // UTF-8 names (Prometheus 3): a quoted string alone in the braces is the metric name.
      const key = c.peek() === '"' ? c.quoted() : c.name('label name');
      c.skipSpaces();
      if (c.peek() === '=') {
        c.i++;
        c.skipSpaces();
        labels.push([key, c.quoted()]);
      } else if (name === undefined) name = key;
      else c.fail(`expected "=" after label ${key}`);
      c.skipSpaces();
      if (c.peek() === ',') {
        c.i++;
        c.skipSpaces();
      } else if (c.peek() !== '}') c.fail('expected "," or "}"');
    }
    c.i++;
  }
  if (name === undefined) c.fail('sample without a metric name');
  if (c.peek() !== ' ' && c.peek() !== '\t') c.fail('expected a space before the value');
  c.skipSpaces();
  const value = /^\S+/.exec(line.slice(c.i))?.[0];
  if (value === undefined || !/^([+-]?Inf|NaN|[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/i.test(value))
    c.fail(`"${value ?? ''}" is not a sample value`);
  return { name: name!, labels };
}
