const DURATION_PATTERN = "^(0|(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?)$";
const LABEL_NAME = "^[a-zA-Z_][a-zA-Z0-9_]*$";
const duration = { type: "string", pattern: DURATION_PATTERN, minLength: 1 };
const labelMap = {
  type: "object",
  propertyNames: { pattern: LABEL_NAME },
  additionalProperties: { type: "string" }
};
const recordingRule = {
  type: "object",
  required: ["record", "expr"],
  properties: {
    record: { type: "string", pattern: "^[a-zA-Z_:][a-zA-Z0-9_:]*$" },
    expr: { type: "string", minLength: 1 },
    labels: labelMap
  },
  additionalProperties: false
};
const alertingRule = {
  type: "object",
  required: ["alert", "expr"],
  properties: {
    alert: { type: "string", pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$" },
    expr: { type: "string", minLength: 1 },
    for: duration,
    keep_firing_for: duration,
    labels: labelMap,
    annotations: { type: "object", additionalProperties: { type: "string" } }
  },
  additionalProperties: false
};
const ruleFileSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://dac.local/schemas/prometheus-rule-file.json",
  title: "Prometheus rule file",
  type: "object",
  required: ["groups"],
  properties: {
    groups: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "rules"],
        properties: {
          name: { type: "string", minLength: 1 },
          interval: duration,
          rules: {
            type: "array",
            minItems: 1,
            items: { if: { type: "object", required: ["record"], properties: { record: true } }, then: recordingRule, else: alertingRule }
          }
        },
        additionalProperties: false
      }
    }
  },
  additionalProperties: false
};
export {
  DURATION_PATTERN,
  ruleFileSchema
};
