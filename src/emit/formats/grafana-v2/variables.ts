/**
 * Classic template variables as v2beta1 variable kinds. The numeric codes of the classic model
 * become the names v2 uses (hide 0/1/2, refresh 0/1/2, sort 0–8); a query variable's text query
 * becomes a `DataQuery` whose spec keeps the text under `__legacyStringValue`, the key Grafana's
 * own conversion uses for it.
 */
import { dataQuery, type DataSourceRef, type Json } from './elements.js';

const HIDE = ['dontHide', 'hideLabel', 'hideVariable'] as const;
const REFRESH = ['never', 'onDashboardLoad', 'onTimeRangeChanged'] as const;
const SORT = [
  'disabled',
  'alphabeticalAsc',
  'alphabeticalDesc',
  'numericalAsc',
  'numericalDesc',
  'alphabeticalCaseInsensitiveAsc',
  'alphabeticalCaseInsensitiveDesc',
  'naturalAsc',
  'naturalDesc',
] as const;

const pick = <T>(names: readonly T[], code: unknown, fallback: T): T => (typeof code === 'number' ? (names[code] ?? fallback) : fallback);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const bool = (v: unknown, fallback = false): boolean => (typeof v === 'boolean' ? v : fallback);
const options = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function current(v: Json): Json {
  const c = (v.current ?? {}) as Json;
  return {
    text: c.text ?? '',
    value: c.value ?? '',
    ...(typeof c.selected === 'boolean' ? { selected: c.selected } : {}),
  };
}

/** The fields every variable kind has. */
function common(v: Json): Json {
  return {
    name: text(v.name),
    ...(typeof v.label === 'string' ? { label: v.label } : {}),
    hide: pick(HIDE, v.hide, 'dontHide'),
    skipUrlSync: bool(v.skipUrlSync),
    ...(typeof v.description === 'string' ? { description: v.description } : {}),
  };
}

function choice(v: Json): Json {
  return {
    options: options(v.options),
    multi: bool(v.multi),
    includeAll: bool(v.includeAll),
    ...(typeof v.allValue === 'string' ? { allValue: v.allValue } : {}),
    allowCustomValue: bool(v.allowCustomValue, true),
  };
}

function queryVariable(v: Json): Json {
  const query = typeof v.query === 'object' && v.query !== null ? (v.query as Json) : { __legacyStringValue: text(v.query) };
  return {
    kind: 'QueryVariable',
    spec: {
      ...common(v),
      current: current(v),
      refresh: pick(REFRESH, v.refresh, 'onDashboardLoad'),
      query: dataQuery(v.datasource as DataSourceRef | undefined, query),
      regex: text(v.regex),
      sort: pick(SORT, v.sort, 'disabled'),
      ...(typeof v.definition === 'string' ? { definition: v.definition } : {}),
      ...choice(v),
    },
  };
}

function datasourceVariable(v: Json): Json {
  return {
    kind: 'DatasourceVariable',
    spec: {
      ...common(v),
      pluginId: text(v.query),
      refresh: pick(REFRESH, v.refresh, 'onDashboardLoad'),
      regex: text(v.regex),
      current: current(v),
      ...choice(v),
    },
  };
}

function customVariable(v: Json): Json {
  return { kind: 'CustomVariable', spec: { ...common(v), query: text(v.query), current: current(v), ...choice(v) } };
}

function intervalVariable(v: Json): Json {
  return {
    kind: 'IntervalVariable',
    spec: {
      ...common(v),
      query: text(v.query),
      current: current(v),
      options: options(v.options),
      auto: bool(v.auto),
      auto_min: typeof v.auto_min === 'string' ? v.auto_min : '10s',
      auto_count: typeof v.auto_count === 'number' ? v.auto_count : 30,
      refresh: 'onTimeRangeChanged',
    },
  };
}

/** A variable of a type this converter does not know, or none: a finding in `dac validate`, not a guess. */
function unknownVariable(v: Json): Json {
  return { kind: `unsupported:${text(v.type)}`, spec: common(v) };
}

export function variableKind(v: Json): Json {
  switch (v.type) {
    case 'query':
      return queryVariable(v);
    case 'datasource':
      return datasourceVariable(v);
    case 'custom':
      return customVariable(v);
    case 'interval':
      return intervalVariable(v);
    case 'constant':
      return { kind: 'ConstantVariable', spec: { ...common(v), query: text(v.query), current: current(v) } };
    case 'textbox':
      return { kind: 'TextVariable', spec: { ...common(v), query: text(v.query), current: current(v) } };
    default:
      return unknownVariable(v);
  }
}
