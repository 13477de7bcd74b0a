/**
 * A dashboard's template variables as Grafana resolves them on load: query variables run their
 * `label_values(...)` against the data source (interpolated with the variables above them), the
 * saved selection is kept where it is still an option, and "All" stays "All".
 */
import { interpolate, type VariableValue } from './interpolate.js';

export interface TemplateVariableJson {
  type: string;
  name: string;
  query?: unknown;
  current?: { value?: unknown; text?: unknown };
  options?: Array<{ value?: unknown }>;
  includeAll?: boolean;
  multi?: boolean;
  allValue?: string | null;
  regex?: string;
}

export interface VariableSource {
  /** Value of a `datasource` variable: the uid of the data source the dashboard is pointed at. */
  datasourceUid: string;
  /** Values of `label` on the series matching `match`, or on all series when it is undefined. */
  labelValues(label: string, match: string | undefined): Promise<string[]>;
}

const ALL = '$__all';

export async function resolveVariables(
  list: readonly TemplateVariableJson[],
  source: VariableSource,
  macros: ReadonlyMap<string, string>,
): Promise<Map<string, VariableValue>> {
  const resolved = new Map<string, VariableValue>();
  for (const variable of list) {
    resolved.set(variable.name, await resolveOne(variable, source, resolved, macros));
  }
  return resolved;
}

async function resolveOne(
  variable: TemplateVariableJson,
  source: VariableSource,
  resolved: ReadonlyMap<string, VariableValue>,
  macros: ReadonlyMap<string, string>,
): Promise<VariableValue> {
  const base = {
    multi: variable.multi === true,
    includeAll: variable.includeAll === true,
    ...(typeof variable.allValue === 'string' && variable.allValue !== '' ? { allValue: variable.allValue } : {}),
  };
  switch (variable.type) {
    case 'datasource':
      return { ...base, values: [source.datasourceUid], all: false };
    case 'constant':
      return { ...base, values: [String(variable.query ?? '')], all: false };
    case 'textbox': {
      const current = selectedValues(variable);
      return { ...base, values: current.length > 0 ? current : [String(variable.query ?? '')], all: false };
    }
    case 'custom':
    case 'interval':
      return select(variable, base, customOptions(String(variable.query ?? '')));
    case 'query': {
      const query = queryText(variable.query);
      const { label, match } = parseLabelValues(query, variable.name);
      const interpolated = match === undefined ? undefined : interpolate(match, resolved, macros);
      if (interpolated && interpolated.unresolved.length > 0) {
        throw new Error(`variable ${variable.name}: query ${query} uses unknown variable(s) ${interpolated.unresolved.join(', ')}`);
      }
      const options = applyRegex(await source.labelValues(label, interpolated?.text), variable.regex);
      return select(variable, base, options);
    }
    default:
      throw new Error(`variable ${variable.name}: type "${variable.type}" is not supported by dac's Grafana interpolation`);
  }
}

function select(variable: TemplateVariableJson, base: Omit<VariableValue, 'values' | 'all'>, options: string[]): VariableValue {
  const current = selectedValues(variable);
  if (current.includes(ALL) && base.includeAll) return { ...base, values: options, all: true };
  const kept = current.filter((v) => options.includes(v));
  if (kept.length > 0) return { ...base, values: base.multi ? kept : [kept[0]!], all: false };
  // Like Grafana when the saved value has gone: fall back to the first option.
  return { ...base, values: options.slice(0, 1), all: false };
}

function selectedValues(variable: TemplateVariableJson): string[] {
  const value = variable.current?.value;
  if (Array.isArray(value)) return value.map(String);
  if (value === undefined || value === null || value === '') return [];
  return [String(value)];
}

function queryText(query: unknown): string {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object' && typeof (query as { query?: unknown }).query === 'string')
    return (query as { query: string }).query;
  throw new Error(`unsupported variable query ${JSON.stringify(query)}`);
}

/** `label_values(label)` or `label_values(selector, label)`, the forms Grafana's Prometheus source runs. */
export function parseLabelValues(query: string, name = '?'): { label: string; match: string | undefined } {
  const m = /^\s*label_values\(\s*(?:(.*\S)\s*,\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(query);
  if (!m) throw new Error(`variable ${name}: only label_values(...) queries are supported, got ${query}`);
  return { label: m[2]!, match: m[1] };
}

/** Custom variable options: `a,b,c` or `key : value` pairs, whose value is what queries get. */
function customOptions(query: string): string[] {
  return query
    .split(/(?<!\\),/)
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map((o) => {
      const pair = /^(.*?)\s:\s(.*)$/.exec(o);
      return (pair ? pair[2]! : o).replace(/\\,/g, ',');
    });
}

/** The variable's regex option keeps matching values, or their first capture group. */
function applyRegex(values: string[], regex: string | undefined): string[] {
  if (!regex) return values;
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(regex);
  const re = new RegExp(m ? m[1]! : regex, m ? m[2]!.replace('g', '') : '');
  const out: string[] = [];
  for (const v of values) {
    const hit = re.exec(v);
    if (hit) out.push(hit[1] ?? v);
  }
  return [...new Set(out)];
}
