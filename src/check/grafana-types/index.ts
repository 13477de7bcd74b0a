/**
 * Emitted dashboards held against the types Grafana publishes in `@grafana/schema`: the dashboard
 * itself, every panel, and each panel's `options` and `fieldConfig.defaults.custom` against the
 * types of its plugin. A finding names the panel and the field (`panel "Items" › options.footer`)
 * and says what the published type allows.
 *
 * These checks say what Grafana's types declare, not what a running Grafana accepts: Grafana
 * migrates and fills in much of what the types call required, and ignores options it does not know.
 * An option its types do not know is still a finding: it has no effect on the panel.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileCached } from '../../core/ajv-cache.js';
import type { Diagnostic, Where } from '../../core/diagnostic.js';
import { grafanaSchemas, type JsonSchema } from './derive.js';

export const GRAFANA_TYPES_CHECK = 'grafana/schema';

const validatorsByRole = new Map<string, ValidateFunction | undefined>();

/** Only the definitions a root reaches: each validator then compiles what it uses. */
function reachable(definitions: Record<string, JsonSchema>, root: JsonSchema): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = v.slice('#/definitions/'.length);
        if (!(name in out) && definitions[name]) {
          out[name] = definitions[name];
          visit(definitions[name]);
        }
      } else visit(v);
    }
  };
  visit(root);
  return out;
}

/** A copy of a definition whose `panels` holds objects only: each panel is checked on its own, located by its title. */
function withPanelsUnchecked(schema: JsonSchema | undefined): JsonSchema {
  const properties = { ...((schema?.properties as Record<string, JsonSchema> | undefined) ?? {}) };
  properties.panels = { type: 'array', items: { type: 'object' } };
  return { ...schema, properties };
}

/**
 * One validator per role, compiled (and cached on disk) the first time a dashboard needs it: a
 * build with five panel types loads five plugins' validators, not the forty the package declares.
 */
export function validator(role: string): ValidateFunction | undefined {
  if (validatorsByRole.has(role)) return validatorsByRole.get(role);
  const { definitions, roots } = grafanaSchemas();
  const name = roots[role];
  let compiledOne: ValidateFunction | undefined;
  if (name !== undefined) {
    let root: JsonSchema = definitions[name] ?? {};
    if (role === 'dashboard' || role === 'row') root = withPanelsUnchecked(root);
    const schema = { ...root, definitions: reachable(definitions, root) };
    compiledOne = compileCached({ root: schema }, { allErrors: true, strict: false, allowUnionTypes: true, verbose: true }).root;
  }
  validatorsByRole.set(role, compiledOne);
  return compiledOne;
}

/** The `@grafana/schema` release the checks derive from. */
export function grafanaTypesVersion(): string {
  return grafanaSchemas().version;
}

interface PanelLike {
  type?: unknown;
  title?: unknown;
  id?: unknown;
  options?: unknown;
  fieldConfig?: { defaults?: { custom?: unknown } };
  panels?: unknown;
}

/** Every finding of one dashboard JSON (classic model, as `out/dashboards/` holds it). */
export function checkGrafanaTypes(json: unknown, where: Where): Diagnostic[] {
  const version = grafanaSchemas().version;
  const out: Diagnostic[] = [];
  const source = `@grafana/schema ${version}`;
  const dashboard = json as {
    templating?: { list?: { name?: unknown }[] };
    annotations?: { list?: { name?: unknown }[] };
    panels?: unknown;
  };
  const name = (x: { name?: unknown } | undefined) => (typeof x?.name === 'string' ? `"${x.name}"` : '');
  const dashboardPath = (segments: string[]): string[] => {
    // A variable, annotation or link is named, like in every other finding; the rest is a field path.
    const [a, b, c, ...rest] = segments;
    if (a === 'templating' && b === 'list' && c !== undefined) {
      return [`variable ${name(dashboard.templating?.list?.[Number(c)]) || `#${c}`}`, ...field(rest)];
    }
    if (a === 'links' && b !== undefined) {
      const link = (dashboard as { links?: { title?: unknown }[] }).links?.[Number(b)];
      return [
        `link ${typeof link?.title === 'string' ? `"${link.title}"` : `#${b}`}`,
        ...field([c, ...rest].filter((x) => x !== undefined)),
      ];
    }
    if (a === 'annotations' && b === 'list' && c !== undefined) {
      return [`annotation ${name(dashboard.annotations?.list?.[Number(c)]) || `#${c}`}`, ...field(rest)];
    }
    return field(segments);
  };
  out.push(...run(validator('dashboard')!, json, where, [], dashboardPath, `Grafana's Dashboard type in ${source}`));

  const panelLabel = (p: PanelLike) =>
    `${p.type === 'row' ? 'row' : 'panel'} ${typeof p.title === 'string' && p.title ? `"${p.title}"` : `#${String(p.id ?? '?')}`}`;
  const checkPanel = (p: PanelLike, prefix: string[]) => {
    const at = [...prefix, panelLabel(p)];
    if (p.type === 'row') {
      out.push(...run(validator('row')!, p, where, at, field, `Grafana's RowPanel type in ${source}`));
      for (const inner of Array.isArray(p.panels) ? (p.panels as PanelLike[]) : [])
        if (inner && typeof inner === 'object') checkPanel(inner, prefix);
      return;
    }
    out.push(...run(validator('panel')!, p, where, at, field, `Grafana's Panel type in ${source}`));
    const plugin = typeof p.type === 'string' ? p.type : '';
    const options = validator(`panel.${plugin}.options`);
    if (options && p.options !== undefined) {
      out.push(...run(options, p.options, where, at, (s) => field(['options', ...s]), `the ${plugin} panel's options in ${source}`));
    }
    const custom = validator(`panel.${plugin}.custom`);
    const customValue = p.fieldConfig?.defaults?.custom;
    if (custom && customValue !== undefined) {
      const pathOf = (s: string[]) => field(['fieldConfig', 'defaults', 'custom', ...s]);
      out.push(...run(custom, customValue, where, at, pathOf, `the ${plugin} panel's field config in ${source}`));
    }
  };
  for (const p of Array.isArray(dashboard.panels) ? (dashboard.panels as PanelLike[]) : [])
    if (p && typeof p === 'object') checkPanel(p, []);
  return out;
}

/** `["options", "legend", "calcs", "0"]` → `options.legend.calcs[0]`, one path element. */
export function field(segments: string[]): string[] {
  if (segments.length === 0) return [];
  const text = segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  return [text];
}

function segmentsOf(instancePath: string): string[] {
  return instancePath === ''
    ? []
    : instancePath
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function run(
  validate: ValidateFunction,
  value: unknown,
  where: Where,
  at: string[],
  pathOf: (segments: string[]) => string[],
  what: string,
): Diagnostic[] {
  if (validate(value)) return [];
  const errors = relevant(validate.errors ?? []);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const segments = segmentsOf(e.instancePath);
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') segments.push(String(p.additionalProperty));
    if (e.keyword === 'required') segments.push(String(p.missingProperty));
    const fieldPath = pathOf(segments);
    const { message, hint } = explain(e, what);
    const key = `${fieldPath.join('›')} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      severity: 'error',
      check: GRAFANA_TYPES_CHECK,
      where: { ...where, path: [...where.path, ...at, ...fieldPath] },
      message,
      hint,
    });
  }
  return out;
}

/**
 * The errors worth reading: an anyOf that failed stands for its branches' errors; the `if` of a
 * discriminated union repeats its branch's.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const anyOf = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath.replace(/\/anyOf$/, '/anyOf/'));
  return errors.filter((e) => e.keyword !== 'if' && !anyOf.some((prefix) => e.schemaPath.startsWith(prefix) && e.keyword !== 'anyOf'));
}

function describeSchema(s: unknown): string {
  if (!s || typeof s !== 'object') return 'anything';
  const o = s as JsonSchema;
  if ('const' in o) return JSON.stringify(o.const);
  if (Array.isArray(o.enum)) return o.enum.map((v) => JSON.stringify(v)).join(', ');
  if (typeof o.$ref === 'string') return o.$ref.slice('#/definitions/'.length).replace(/^.*\./, '');
  if (typeof o.type === 'string') return o.type === 'object' ? 'an object' : o.type === 'array' ? 'an array' : o.type;
  if (Array.isArray(o.anyOf)) return o.anyOf.map(describeSchema).join(' or ');
  return 'a value of another shape';
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function explain(e: ErrorObject, what: string): { message: string; hint: string } {
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as JsonSchema;
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((parent.properties as object | undefined) ?? {}).sort();
      return {
        message: `unknown field "${String(p.additionalProperty)}": ${what} has no such field, so Grafana ignores it`,
        hint: known.length > 0 ? `remove it, or use one of the fields the type declares: ${known.join(', ')}` : 'remove it',
      };
    }
    case 'required': {
      const prop = (parent.properties as Record<string, JsonSchema> | undefined)?.[String(p.missingProperty)];
      const doc = typeof prop?.description === 'string' ? `; Grafana documents it as: ${prop.description.replace(/\s+/g, ' ')}` : '';
      return {
        message: `missing "${String(p.missingProperty)}", which ${what} requires`,
        hint: `set it to ${describeSchema(prop)}${doc}`,
      };
    }
    case 'enum':
      return {
        message: `${JSON.stringify(e.data)} is not one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')} (${what})`,
        hint: `use one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`,
      };
    case 'const':
      return {
        message: `${JSON.stringify(e.data)} must be ${JSON.stringify(p.allowedValue)} (${what})`,
        hint: `use ${JSON.stringify(p.allowedValue)}`,
      };
    case 'type':
      return {
        message: `must be ${String(p.type)}, not ${typeOf(e.data)} (${what})`,
        hint: `give it a ${String(p.type)} value`,
      };
    case 'anyOf':
      return {
        message: `${typeOf(e.data)} fits none of the shapes ${what} allows here: ${describeSchema(parent)}`,
        hint: `give it ${describeSchema(parent)}`,
      };
    default:
      return { message: `${e.message ?? e.keyword} (${what})`, hint: `make it match ${what}` };
  }
}
