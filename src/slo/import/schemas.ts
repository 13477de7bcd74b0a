/**
 * JSON Schemas (draft-07, checked with ajv) of the SLO spec formats dac imports, as their users
 * write them: Sloth `prometheus/v1` and its Kubernetes resource `sloth.slok.dev/v1`
 * PrometheusServiceLevel (the same fields in camelCase), OpenSLO `v1` SLO and SLI documents and
 * OpenSLO `v1alpha` SLOs. Anything outside them is rejected with its path; what the schemas let
 * through but dac cannot turn into rules (SLI plugins, most SLO plugins) is refused in code, by name.
 */
import { DURATION_PATTERN } from '../../core/duration.js';

/** Sloth's rule for SLO and service names (pkg/common/conventions): alphanumerics, `.`, `_` and `-`. */
export const SLOTH_NAME = '^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$';
/** OpenSLO names are Kubernetes-style DNS labels. */
const OPENSLO_NAME = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';
/** Label names Prometheus 2 accepts as well as 3 (3 also takes any UTF-8, which 2.x refuses to load). */
export const LABEL_NAME = '^[a-zA-Z_][a-zA-Z0-9_]*$';

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
/** Sloth reads label values with a YAML decoder that takes `tier: 2` or `generated: true` as their text. */
const labelMap = {
  type: 'object',
  propertyNames: { type: 'string', pattern: LABEL_NAME },
  additionalProperties: { type: ['string', 'number', 'boolean'] },
} as const;

const slothPlugins = {
  type: 'object',
  required: ['chain'],
  additionalProperties: false,
  properties: {
    overridePrevious: { type: 'boolean' },
    chain: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        properties: { id: { type: 'string', minLength: 1 }, priority: { type: 'integer' }, config: {} },
      },
    },
  },
} as const;

/** The two spellings of Sloth's fields: the YAML spec's snake_case and the Kubernetes resource's camelCase. */
export interface SlothSpelling {
  errorQuery: string;
  totalQuery: string;
  errorRatioQuery: string;
  pageAlert: string;
  ticketAlert: string;
  sloPlugins: string;
}

export const PROMETHEUS_V1: SlothSpelling = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
  sloPlugins: 'slo_plugins',
};

export const KUBERNETES_V1: SlothSpelling = {
  errorQuery: 'errorQuery',
  totalQuery: 'totalQuery',
  errorRatioQuery: 'errorRatioQuery',
  pageAlert: 'pageAlert',
  ticketAlert: 'ticketAlert',
  sloPlugins: 'sloPlugins',
};

function slothServiceLevel(s: SlothSpelling) {
  const query = { type: 'string', minLength: 1 } as const;
  const alert = {
    type: 'object',
    additionalProperties: false,
    properties: { disable: { type: 'boolean' }, labels: labelMap, annotations: stringMap },
  } as const;
  return {
    type: 'object',
    required: ['service', 'slos'],
    properties: {
      service: { type: 'string', pattern: SLOTH_NAME },
      labels: labelMap,
      [s.sloPlugins]: slothPlugins,
      slos: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name', 'objective', 'sli'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', pattern: SLOTH_NAME },
            objective: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 },
            description: { type: 'string' },
            labels: labelMap,
            plugins: slothPlugins,
            sli: {
              type: 'object',
              minProperties: 1,
              additionalProperties: false,
              properties: {
                events: {
                  type: 'object',
                  required: [s.errorQuery, s.totalQuery],
                  additionalProperties: false,
                  properties: { [s.errorQuery]: query, [s.totalQuery]: query },
                },
                raw: {
                  type: 'object',
                  required: [s.errorRatioQuery],
                  additionalProperties: false,
                  properties: { [s.errorRatioQuery]: query },
                },
                plugin: {
                  type: 'object',
                  required: ['id'],
                  additionalProperties: false,
                  properties: { id: { type: 'string' }, options: { type: 'object' } },
                },
              },
            },
            alerting: {
              type: 'object',
              additionalProperties: false,
              properties: {
                name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                labels: labelMap,
                annotations: stringMap,
                [s.pageAlert]: alert,
                [s.ticketAlert]: alert,
              },
            },
          },
        },
      },
    },
  } as const;
}

export const slothSchema = {
  $id: 'dac/sloth-prometheus-v1',
  type: 'object',
  required: ['version', 'service', 'slos'],
  additionalProperties: false,
  properties: { version: { const: 'prometheus/v1' }, ...slothServiceLevel(PROMETHEUS_V1).properties },
} as const;

export const slothKubernetesSchema = {
  $id: 'dac/sloth-kubernetes-v1',
  type: 'object',
  required: ['apiVersion', 'kind', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'sloth.slok.dev/v1' },
    kind: { const: 'PrometheusServiceLevel' },
    metadata: { type: 'object' },
    spec: { ...slothServiceLevel(KUBERNETES_V1), additionalProperties: false },
    // Written by Sloth's controller into resources read back from a cluster; it carries no SLO.
    status: { type: 'object' },
  },
} as const;

const metricSource = {
  type: 'object',
  required: ['metricSource'],
  additionalProperties: false,
  properties: {
    metricSource: {
      type: 'object',
      required: ['type', 'spec'],
      properties: {
        type: { type: 'string', pattern: '^[Pp]rometheus$' },
        metricSourceRef: { type: 'string' },
        spec: { type: 'object', required: ['query'], properties: { query: { type: 'string', minLength: 1 } } },
      },
    },
  },
} as const;

const metadata = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', pattern: OPENSLO_NAME }, displayName: { type: 'string' } },
} as const;

const sliSpec = {
  type: 'object',
  required: ['ratioMetric'],
  properties: {
    description: { type: 'string' },
    ratioMetric: {
      type: 'object',
      required: ['total'],
      additionalProperties: false,
      oneOf: [{ required: ['good'] }, { required: ['bad'] }],
      properties: { counter: { const: true }, good: metricSource, bad: metricSource, total: metricSource },
    },
  },
} as const;

export const openSloSliSchema = {
  $id: 'dac/openslo-v1-sli',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: { apiVersion: { const: 'openslo/v1' }, kind: { const: 'SLI' }, metadata, spec: sliSpec },
} as const;

export const openSloSloSchema = {
  $id: 'dac/openslo-v1-slo',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'openslo/v1' },
    kind: { const: 'SLO' },
    metadata,
    spec: {
      type: 'object',
      required: ['service', 'timeWindow', 'budgetingMethod', 'objectives'],
      oneOf: [{ required: ['indicator'] }, { required: ['indicatorRef'] }],
      properties: {
        description: { type: 'string' },
        service: { type: 'string', pattern: SLOTH_NAME },
        indicator: { type: 'object', required: ['metadata', 'spec'], properties: { metadata, spec: sliSpec } },
        indicatorRef: { type: 'string' },
        timeWindow: {
          type: 'array',
          minItems: 1,
          maxItems: 1,
          items: {
            type: 'object',
            required: ['duration', 'isRolling'],
            properties: { duration: { type: 'string', pattern: DURATION_PATTERN }, isRolling: { const: true } },
          },
        },
        budgetingMethod: { const: 'Occurrences' },
        objectives: {
          type: 'array',
          minItems: 1,
          maxItems: 1,
          items: {
            type: 'object',
            anyOf: [{ required: ['target'] }, { required: ['targetPercent'] }],
            properties: {
              displayName: { type: 'string' },
              target: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
              targetPercent: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 },
            },
          },
        },
      },
    },
  },
} as const;

/** A v1alpha query: where it comes from and in what language, then the query itself. */
const alphaQuery = {
  type: 'object',
  required: ['source', 'queryType', 'query'],
  additionalProperties: false,
  properties: {
    source: { enum: ['prometheus', 'sloth'] },
    queryType: { const: 'promql' },
    query: { type: 'string', minLength: 1 },
  },
} as const;

/** OpenSLO v1alpha, as Sloth reads it: one SLO per objective, each a ratio of good (or bad) to total. */
export const openSloAlphaSchema = {
  $id: 'dac/openslo-v1alpha-slo',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'openslo/v1alpha' },
    kind: { const: 'SLO' },
    metadata,
    spec: {
      type: 'object',
      required: ['service', 'objectives'],
      properties: {
        description: { type: 'string' },
        service: { type: 'string', pattern: SLOTH_NAME },
        budgetingMethod: { const: 'Occurrences' },
        timeWindows: {
          type: 'array',
          maxItems: 1,
          items: {
            type: 'object',
            required: ['count', 'unit'],
            properties: {
              count: { type: 'integer', minimum: 1 },
              unit: { type: 'string', pattern: '^[Dd][Aa][Yy]$' },
              isRolling: { const: true },
            },
          },
        },
        objectives: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['ratioMetrics', 'target'],
            properties: {
              displayName: { type: 'string' },
              target: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
              ratioMetrics: {
                type: 'object',
                required: ['total'],
                additionalProperties: false,
                oneOf: [{ required: ['good'] }, { required: ['bad'] }],
                properties: { incremental: { type: 'boolean' }, good: alphaQuery, bad: alphaQuery, total: alphaQuery },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** Why a constraint exists, appended to ajv's message where it helps the user act. */
export const CONSTRAINT_REASONS: Record<string, string> = {
  '/sli/minProperties':
    'give the SLI as events (an error and a total query, both with {{.window}}) or raw (an error ratio query with {{.window}})',
  '/budgetingMethod/const': 'only Occurrences budgeting (a ratio of events) is supported',
  '/isRolling/const': 'only rolling windows are supported; calendar-aligned periods are not',
  '/ratioMetric/required': 'only ratio SLIs (good or bad over total) are supported',
  '/ratioMetrics/required': 'only ratio SLIs (good or bad over total) are supported',
  '/unit/pattern': 'as in Sloth, OpenSLO v1alpha time windows are counted in days (unit: Day)',
  '/queryType/const': 'as in Sloth, v1alpha queries are PromQL (queryType: promql)',
  '/source/enum': 'as in Sloth, v1alpha queries come from prometheus (or sloth)',
};
