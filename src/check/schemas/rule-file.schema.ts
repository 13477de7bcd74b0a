/**
 * JSON Schema (draft-07) of a Prometheus rule file as dac emits it, written for dac from the
 * rule-file format reference. Stricter than Prometheus where the format allows mistakes dac never
 * wants: unknown keys, empty groups, alert names that are not identifiers.
 */

/** Prometheus durations: units from largest to smallest, each at most once (`1h30m`, `5m`, `0s`). */
export const DURATION_PATTERN = '^(0|(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?)$';
const LABEL_NAME = '^[a-zA-Z_][a-zA-Z0-9_]*$';

const duration = { type: 'string', pattern: DURATION_PATTERN, minLength: 1 } as const;
const labelMap = {
  type: 'object',
  propertyNames: { pattern: LABEL_NAME },
  additionalProperties: { type: 'string' },
} as const;

const recordingRule = {
  type: 'object',
  required: ['record', 'expr'],
  properties: {
    record: { type: 'string', pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$' },
    expr: { type: 'string', minLength: 1 },
    labels: labelMap,
  },
  additionalProperties: false,
} as const;

const alertingRule = {
  type: 'object',
  required: ['alert', 'expr'],
  properties: {
    alert: { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' },
    expr: { type: 'string', minLength: 1 },
    for: duration,
    keep_firing_for: duration,
    labels: labelMap,
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
} as const;

export const ruleFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dac.local/schemas/prometheus-rule-file.json',
  title: 'Prometheus rule file',
  type: 'object',
  required: ['groups'],
  properties: {
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'rules'],
        properties: {
          name: { type: 'string', minLength: 1 },
          interval: duration,
          rules: {
            type: 'array',
            minItems: 1,
            items: { if: { type: 'object', required: ['record'], properties: { record: true } }, then: recordingRule, else: alertingRule },
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
