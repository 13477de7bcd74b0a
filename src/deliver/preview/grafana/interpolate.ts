/**
 * Template interpolation as Grafana's Prometheus data source does it before a query leaves the
 * browser: `$var`, `${var}`, `${var:format}` and `[[var]]` become the variable's current values,
 * formatted; `$__interval` and the other built-ins become the numbers of the request.
 *
 * Formatting follows Grafana: a custom "All" value (allValue, e.g. `.+`) is inserted raw; without an
 * explicit format a single-valued variable is string-escaped, and a multi-value or include-All
 * variable is regex-escaped and joined as `(a|b)`, since dashboards use it after `=~`.
 */
import { GRAFANA_VARIABLE } from '../../../promql/index.js';

export interface VariableValue {
  /** The selected values (for "All" without a custom allValue: every option). */
  values: string[];
  /** Whether "All" is selected. */
  all: boolean;
  /** The custom value Grafana sends for "All", e.g. `.+`. */
  allValue?: string;
  multi: boolean;
  includeAll: boolean;
}

export interface Interpolated {
  text: string;
  /** Names referenced but neither a variable nor a macro; Grafana leaves them as written. */
  unresolved: string[];
}

const REFERENCE = new RegExp(GRAFANA_VARIABLE.source, 'g');

export function interpolate(
  text: string,
  variables: ReadonlyMap<string, VariableValue>,
  macros: ReadonlyMap<string, string>,
): Interpolated {
  const unresolved: string[] = [];
  const out = text.replace(
    REFERENCE,
    (match: string, plain?: string, bracket?: string, bracketFmt?: string, brace?: string, field?: string, braceFmt?: string) => {
      const name = plain ?? bracket ?? brace ?? '';
      const format = bracketFmt ?? braceFmt;
      const macro = macros.get(name);
      if (macro !== undefined) {
        if (format !== undefined || field !== undefined) throw new Error(`unsupported format on built-in ${match}`);
        return macro;
      }
      const variable = variables.get(name);
      if (!variable) {
        unresolved.push(name);
        return match;
      }
      if (field !== undefined) throw new Error(`unsupported field reference ${match}`);
      return formatVariable(name, variable, format);
    },
  );
  return { text: out, unresolved };
}

export function formatVariable(name: string, variable: VariableValue, format: string | undefined): string {
  if (variable.all && variable.allValue !== undefined && format !== 'text' && format !== 'queryparam') return variable.allValue;
  const values = variable.values;
  if (values.length === 0) throw new Error(`variable ${name} has no value`);
  if (format === undefined) return prometheusDefault(variable);
  const single = values.length === 1 ? values[0]! : undefined;
  switch (format) {
    case 'raw':
      return values.join(',');
    case 'regex':
      return single !== undefined ? regexEscape(single) : `(${values.map(regexEscape).join('|')})`;
    case 'pipe':
      return values.join('|');
    case 'csv':
      return values.join(',');
    case 'glob':
      return single ?? `{${values.join(',')}}`;
    case 'json':
      return JSON.stringify(single ?? values);
    case 'text':
      return variable.all ? 'All' : values.join(' + ');
    case 'doublequote':
      return values.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'singlequote':
      return values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'sqlstring':
      return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
    case 'percentencode':
      return encodeURIComponent(single ?? `{${values.join(',')}}`);
    case 'queryparam':
      return values.map((v) => `var-${name}=${encodeURIComponent(v)}`).join('&');
    default:
      throw new Error(`unsupported variable format \${${name}:${format}}`);
  }
}

/** The Prometheus data source's own formatting, used when the query names no format. */
function prometheusDefault(variable: VariableValue): string {
  const values = variable.values;
  if (!variable.multi && !variable.includeAll) return values.map(stringEscape).join(',');
  const escaped = values.map(promRegexEscape);
  return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
}

/** Inside a PromQL string literal: a backslash or quote in the value must not end or alter it. */
function stringEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

/**
 * For a value inside a PromQL regex matcher's string: each regex metacharacter gets a backslash,
 * itself doubled because the string literal consumes one level of escaping.
 */
function promRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*+?.()|[\]{}]/g, '\\\\$&');
}

/** Grafana's plain regex escaping, for `${var:regex}` in data sources that take regexes raw. */
export function regexEscape(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}
