/** ajv validation of imported SLO documents, reported as located diagnostics. */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileCached } from '../../core/ajv-cache.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import {
  CONSTRAINT_REASONS,
  KUBERNETES_V1,
  openSloAlphaSchema,
  openSloSliSchema,
  openSloSloSchema,
  PROMETHEUS_V1,
  slothKubernetesSchema,
  slothSchema,
} from './schemas.js';

export const SCHEMAS = {
  sloth: slothSchema,
  slothKubernetes: slothKubernetesSchema,
  openSloSlo: openSloSloSchema,
  openSloSli: openSloSliSchema,
  openSloAlpha: openSloAlphaSchema,
} as const;

/** Each Sloth field in the other spelling: `page_alert` in a PrometheusServiceLevel is a slip for `pageAlert`. */
const OTHER_SPELLING = new Map<string, string>(
  (Object.keys(PROMETHEUS_V1) as (keyof typeof PROMETHEUS_V1)[]).flatMap((k) => [
    [PROMETHEUS_V1[k], KUBERNETES_V1[k]],
    [KUBERNETES_V1[k], PROMETHEUS_V1[k]],
  ]),
);

let validators: Record<keyof typeof SCHEMAS, ValidateFunction> | undefined;

function validatorFor(schema: object): ValidateFunction {
  validators ??= compileCached(SCHEMAS, { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const name = (Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]).find((k) => SCHEMAS[k] === schema);
  if (!name) throw new Error('validateDocument takes one of SCHEMAS');
  return validators[name];
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined) return `label name "${e.propertyName}" is not a Prometheus 2 label name`;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown field "${String(p.additionalProperty)}"`;
    case 'required':
      return `missing field "${String(p.missingProperty)}"`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum':
      return `must be one of ${JSON.stringify(p.allowedValues)}`;
    case 'minProperties':
      return 'is empty';
    default:
      return e.message ?? e.keyword;
  }
}

function reason(e: ErrorObject): string | undefined {
  for (const [suffix, why] of Object.entries(CONSTRAINT_REASONS)) {
    const [field, keyword] = suffix.slice(1).split('/') as [string, string];
    if (e.keyword === keyword && (e.instancePath.endsWith(`/${field}`) || e.schemaPath.includes(`/${field}/`))) return why;
  }
  return undefined;
}

/** What to change, from what the schema wanted. */
function fixFor(e: ErrorObject, at: string): string {
  const p = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined)
    return 'use letters, digits and underscores, not starting with a digit: Prometheus 3 takes other names, but 2.x refuses to load the rule file';
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const other = OTHER_SPELLING.get(field);
      return other
        ? `write "${other}": the Sloth prometheus/v1 spec spells its fields in snake_case, the PrometheusServiceLevel resource in camelCase`
        : `remove "${field}" or check its spelling against the format's reference`;
    }

    case 'required':
      return `add "${String(p.missingProperty)}" to ${at}`;
    case 'type':
      return `write ${at} as ${String(p.type)}`;
    case 'enum':
    case 'const':
      return `use ${e.keyword === 'enum' ? 'one of the listed values' : 'that value'} for ${at}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `give ${at} a value that ${e.message ?? 'is in range'}`;
    case 'pattern':
      return `write ${at} to match ${String(p.pattern)}`;
    default:
      return `correct ${at}: it ${e.message ?? 'does not match the format'}`;
  }
}

/** Validate one document; `path` prefixes the object path (e.g. `document 2`). */
export function validateDocument(schema: object, doc: unknown, file: string, path: string[]): Diagnostic[] {
  const validate = validatorFor(schema);
  if (validate(doc)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of validate.errors ?? []) {
    // oneOf/anyOf restate their branches' errors; the branch errors say more.
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'propertyNames') continue;
    const at = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).replace(/\//g, '.');
    const message = describe(e);
    if (seen.has(`${at} ${message}`)) continue;
    seen.add(`${at} ${message}`);
    out.push({ severity: 'error', check: 'slo/spec', where: { file, path: [...path, at] }, message, hint: reason(e) ?? fixFor(e, at) });
  }
  return out;
}
