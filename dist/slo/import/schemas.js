import { DURATION_PATTERN } from "../../core/duration.js";
const NAME = "^[a-z][a-z0-9-]{0,23}$";
const stringMap = { type: "object", additionalProperties: { type: "string" } };
const slothAlert = {
  type: "object",
  additionalProperties: false,
  properties: { disable: { type: "boolean" }, labels: stringMap, annotations: stringMap }
};
const slothSchema = {
  $id: "dac/sloth-prometheus-v1",
  type: "object",
  required: ["version", "service", "slos"],
  additionalProperties: false,
  properties: {
    version: { const: "prometheus/v1" },
    service: { type: "string", pattern: NAME },
    labels: stringMap,
    slos: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["name", "objective", "sli"],
        additionalProperties: false,
        properties: {
          name: { type: "string", pattern: NAME },
          objective: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 100 },
          description: { type: "string" },
          labels: stringMap,
          sli: {
            type: "object",
            required: ["events"],
            additionalProperties: false,
            properties: {
              events: {
                type: "object",
                required: ["error_query", "total_query"],
                additionalProperties: false,
                properties: { error_query: { type: "string", minLength: 1 }, total_query: { type: "string", minLength: 1 } }
              }
            }
          },
          alerting: {
            type: "object",
            additionalProperties: false,
            properties: {
              name: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
              labels: stringMap,
              annotations: stringMap,
              page_alert: slothAlert,
              ticket_alert: slothAlert
            }
          }
        }
      }
    }
  }
};
const metricSource = {
  type: "object",
  required: ["metricSource"],
  additionalProperties: false,
  properties: {
    metricSource: {
      type: "object",
      required: ["type", "spec"],
      properties: {
        type: { type: "string", pattern: "^[Pp]rometheus$" },
        metricSourceRef: { type: "string" },
        spec: { type: "object", required: ["query"], properties: { query: { type: "string", minLength: 1 } } }
      }
    }
  }
};
const metadata = {
  type: "object",
  required: ["name"],
  properties: { name: { type: "string", pattern: NAME }, displayName: { type: "string" } }
};
const sliSpec = {
  type: "object",
  required: ["ratioMetric"],
  properties: {
    description: { type: "string" },
    ratioMetric: {
      type: "object",
      required: ["total"],
      additionalProperties: false,
      oneOf: [{ required: ["good"] }, { required: ["bad"] }],
      properties: { counter: { const: true }, good: metricSource, bad: metricSource, total: metricSource }
    }
  }
};
const openSloSliSchema = {
  $id: "dac/openslo-v1-sli",
  type: "object",
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: { apiVersion: { const: "openslo/v1" }, kind: { const: "SLI" }, metadata, spec: sliSpec }
};
const openSloSloSchema = {
  $id: "dac/openslo-v1-slo",
  type: "object",
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "openslo/v1" },
    kind: { const: "SLO" },
    metadata,
    spec: {
      type: "object",
      required: ["service", "timeWindow", "budgetingMethod", "objectives"],
      oneOf: [{ required: ["indicator"] }, { required: ["indicatorRef"] }],
      properties: {
        description: { type: "string" },
        service: { type: "string", pattern: NAME },
        indicator: { type: "object", required: ["metadata", "spec"], properties: { metadata, spec: sliSpec } },
        indicatorRef: { type: "string" },
        timeWindow: {
          type: "array",
          minItems: 1,
          maxItems: 1,
          items: {
            type: "object",
            required: ["duration", "isRolling"],
            properties: { duration: { type: "string", pattern: DURATION_PATTERN }, isRolling: { const: true } }
          }
        },
        budgetingMethod: { const: "Occurrences" },
        objectives: {
          type: "array",
          minItems: 1,
          maxItems: 1,
          items: {
            type: "object",
            anyOf: [{ required: ["target"] }, { required: ["targetPercent"] }],
            properties: {
              displayName: { type: "string" },
              target: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
              targetPercent: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 100 }
            }
          }
        }
      }
    }
  }
};
const CONSTRAINT_REASONS = {
  "/sli/required": 'dac needs an error query and a total query ("events") to weigh windows by traffic; raw ratio and plugin SLIs are not supported',
  "/budgetingMethod/const": "only Occurrences budgeting (a ratio of events) is supported",
  "/isRolling/const": "only rolling windows are supported; calendar-aligned periods are not",
  "/ratioMetric/required": "only ratio SLIs (good or bad over total) are supported"
};
export {
  CONSTRAINT_REASONS,
  openSloSliSchema,
  openSloSloSchema,
  slothSchema
};
