const str = { type: "string" };
const bool = { type: "boolean" };
const num = { type: "number" };
const int = { type: "integer" };
const stringArray = { type: "array", items: str };
const anyObject = { type: "object" };
const dataSourceRef = {
  type: "object",
  properties: { type: str, uid: str },
  additionalProperties: false
};
const gridPos = {
  type: "object",
  required: ["h", "w", "x", "y"],
  properties: {
    h: { type: "integer", minimum: 1 },
    w: { type: "integer", minimum: 1, maximum: 24 },
    x: { type: "integer", minimum: 0, maximum: 23 },
    y: { type: "integer", minimum: 0 },
    static: bool
  },
  additionalProperties: false
};
const dashboardLink = {
  type: "object",
  required: ["title", "type"],
  properties: {
    title: str,
    type: { enum: ["link", "dashboards"] },
    icon: str,
    tooltip: str,
    url: str,
    tags: stringArray,
    asDropdown: bool,
    placement: { enum: ["inControlsMenu"] },
    targetBlank: bool,
    includeVars: bool,
    keepTime: bool
  },
  additionalProperties: false
};
const dataLink = {
  type: "object",
  required: ["title", "url"],
  properties: {
    title: str,
    url: str,
    targetBlank: bool,
    type: str,
    icon: str,
    tooltip: str,
    tags: stringArray,
    asDropdown: bool,
    includeVars: bool,
    keepTime: bool
  },
  additionalProperties: true
};
const mappingResult = {
  type: "object",
  properties: { text: str, color: str, icon: str, index: int },
  additionalProperties: false
};
const valueMapping = {
  type: "object",
  required: ["type", "options"],
  properties: {
    type: { enum: ["value", "range", "regex", "special"] },
    options: anyObject
  },
  additionalProperties: false,
  allOf: [
    {
      if: { properties: { type: { const: "value" } } },
      then: { properties: { options: { type: "object", additionalProperties: mappingResult } } }
    },
    {
      if: { properties: { type: { const: "range" } } },
      then: {
        properties: {
          options: {
            type: "object",
            required: ["result"],
            properties: { from: { type: ["number", "null"] }, to: { type: ["number", "null"] }, result: mappingResult },
            additionalProperties: false
          }
        }
      }
    },
    {
      if: { properties: { type: { const: "special" } } },
      then: {
        properties: {
          options: {
            type: "object",
            required: ["match", "result"],
            properties: { match: { enum: ["true", "false", "null", "nan", "null+nan", "empty"] }, result: mappingResult },
            additionalProperties: false
          }
        }
      }
    }
  ]
};
const thresholds = {
  type: "object",
  required: ["mode", "steps"],
  properties: {
    mode: { enum: ["absolute", "percentage"] },
    steps: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["value", "color"],
        properties: { value: { type: ["number", "null"] }, color: str },
        additionalProperties: false
      }
    }
  },
  additionalProperties: false
};
const fieldColor = {
  type: "object",
  required: ["mode"],
  properties: {
    mode: {
      enum: [
        "thresholds",
        "palette-classic",
        "palette-classic-by-name",
        "continuous-GrYlRd",
        "continuous-RdYlGr",
        "continuous-BlYlRd",
        "continuous-YlRd",
        "continuous-BlPu",
        "continuous-YlBl",
        "continuous-blues",
        "continuous-reds",
        "continuous-greens",
        "continuous-purples",
        "fixed",
        "shades"
      ]
    },
    fixedColor: str,
    seriesBy: { enum: ["min", "max", "last"] }
  },
  additionalProperties: false
};
const fieldConfig = {
  type: "object",
  properties: {
    displayName: str,
    displayNameFromDS: str,
    description: str,
    path: str,
    writeable: bool,
    filterable: bool,
    unit: str,
    decimals: int,
    min: num,
    max: num,
    mappings: { type: "array", items: valueMapping },
    thresholds,
    color: fieldColor,
    links: { type: "array", items: dataLink },
    actions: { type: "array", items: anyObject },
    noValue: str,
    custom: anyObject,
    fieldMinMax: bool
  },
  additionalProperties: false
};
const matcherConfig = {
  type: "object",
  required: ["id"],
  properties: { id: str, options: {} },
  additionalProperties: false
};
const fieldConfigSource = {
  type: "object",
  required: ["defaults", "overrides"],
  properties: {
    defaults: fieldConfig,
    overrides: {
      type: "array",
      items: {
        type: "object",
        required: ["matcher", "properties"],
        properties: {
          __systemRef: str,
          matcher: matcherConfig,
          properties: {
            type: "array",
            items: { type: "object", required: ["id"], properties: { id: str, value: {} }, additionalProperties: false }
          }
        },
        additionalProperties: false
      }
    }
  },
  additionalProperties: false
};
const target = {
  type: "object",
  required: ["refId"],
  properties: {
    refId: { type: "string", minLength: 1 },
    datasource: dataSourceRef,
    hide: bool,
    expr: str,
    legendFormat: str,
    instant: bool,
    range: bool,
    format: { enum: ["time_series", "table", "heatmap"] },
    interval: str,
    intervalFactor: num,
    exemplar: bool,
    editorMode: { enum: ["code", "builder"] }
  },
  additionalProperties: true
};
const panelProperties = {
  type: { type: "string", minLength: 1, not: { const: "row" } },
  id: int,
  pluginVersion: str,
  targets: { type: "array", items: target },
  title: str,
  description: str,
  transparent: bool,
  datasource: { $ref: "#/definitions/dataSourceRef" },
  gridPos: { $ref: "#/definitions/gridPos" },
  links: { type: "array", items: { $ref: "#/definitions/dashboardLink" } },
  repeat: str,
  repeatDirection: { enum: ["h", "v"] },
  maxPerRow: int,
  maxDataPoints: num,
  transformations: {
    type: "array",
    items: {
      type: "object",
      required: ["id", "options"],
      properties: {
        id: str,
        disabled: bool,
        filter: matcherConfig,
        topic: { enum: ["series", "annotations", "alertStates"] },
        options: {}
      },
      additionalProperties: false
    }
  },
  interval: str,
  timeFrom: str,
  timeShift: str,
  hideTimeOverride: bool,
  timeCompare: str,
  libraryPanel: { type: "object", required: ["name", "uid"], properties: { name: str, uid: str }, additionalProperties: false },
  cacheTimeout: str,
  queryCachingTTL: num,
  options: anyObject,
  fieldConfig: { $ref: "#/definitions/fieldConfigSource" }
};
const panel = {
  type: "object",
  required: ["type", "id", "gridPos"],
  properties: panelProperties,
  additionalProperties: false
};
const rowPanel = {
  type: "object",
  required: ["type", "collapsed", "id", "panels"],
  properties: {
    type: { const: "row" },
    collapsed: bool,
    title: str,
    datasource: { $ref: "#/definitions/dataSourceRef" },
    gridPos: { $ref: "#/definitions/gridPos" },
    id: int,
    panels: { type: "array", items: { $ref: "#/definitions/panel" } },
    repeat: str
  },
  additionalProperties: false
};
const variableOption = {
  type: "object",
  required: ["text", "value"],
  properties: {
    selected: bool,
    text: { anyOf: [str, stringArray] },
    value: { anyOf: [str, stringArray] }
  },
  additionalProperties: false
};
const variable = {
  type: "object",
  required: ["type", "name"],
  properties: {
    type: {
      enum: ["query", "adhoc", "groupby", "constant", "datasource", "interval", "textbox", "custom", "system", "snapshot", "switch"]
    },
    name: { type: "string", pattern: "^[A-Za-z0-9_]+$" },
    label: str,
    hide: { enum: [0, 1, 2, 3] },
    skipUrlSync: bool,
    description: str,
    query: { anyOf: [str, anyObject] },
    datasource: dataSourceRef,
    current: { type: "object", properties: { selected: bool, text: { anyOf: [str, stringArray] }, value: { anyOf: [str, stringArray] } } },
    multi: bool,
    allowCustomValue: bool,
    options: { type: "array", items: variableOption },
    refresh: { enum: [0, 1, 2] },
    sort: { enum: [0, 1, 2, 3, 4, 5, 6, 7, 8] },
    includeAll: bool,
    allValue: str,
    regex: str,
    staticOptions: { type: "array", items: variableOption },
    staticOptionsOrder: { enum: ["before", "after", "sorted"] },
    auto: bool,
    auto_min: str,
    auto_count: int,
    definition: str
  },
  additionalProperties: false
};
const annotation = {
  type: "object",
  required: ["name", "enable", "iconColor"],
  properties: {
    name: str,
    datasource: dataSourceRef,
    enable: bool,
    hide: bool,
    iconColor: str,
    filter: {
      type: "object",
      required: ["ids"],
      properties: { exclude: bool, ids: { type: "array", items: int } },
      additionalProperties: false
    },
    target: anyObject,
    type: str,
    builtIn: num,
    placement: { enum: ["inControlsMenu"] },
    expr: str,
    textFormat: str,
    titleFormat: str,
    tagKeys: str,
    step: str,
    useValueForTime: bool,
    mappings: anyObject
  },
  additionalProperties: false
};
const dashboardSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://dac.local/schemas/grafana-dashboard-v1.json",
  title: "Grafana classic dashboard (schemaVersion 42)",
  type: "object",
  required: ["uid", "title", "schemaVersion", "templating", "annotations", "panels"],
  properties: {
    id: { type: ["integer", "null"] },
    uid: { type: "string", minLength: 1, maxLength: 40, pattern: "^[A-Za-z0-9_-]+$" },
    title: { type: "string", minLength: 1 },
    description: str,
    revision: num,
    gnetId: str,
    tags: stringArray,
    timezone: str,
    editable: bool,
    graphTooltip: { enum: [0, 1, 2] },
    time: { type: "object", required: ["from", "to"], properties: { from: str, to: str }, additionalProperties: false },
    timepicker: {
      type: "object",
      properties: {
        hidden: bool,
        refresh_intervals: stringArray,
        quick_ranges: {
          type: "array",
          items: { type: "object", required: ["display", "from", "to"], properties: { display: str, from: str, to: str } }
        },
        nowDelay: str
      },
      additionalProperties: false
    },
    fiscalYearStartMonth: { type: "integer", minimum: 0, maximum: 11 },
    liveNow: bool,
    weekStart: str,
    refresh: str,
    schemaVersion: { type: "integer", minimum: 36 },
    version: num,
    panels: {
      type: "array",
      // if/then/else rather than anyOf: ajv then reports the panel's own mistake, not both branches'.
      items: {
        if: { type: "object", required: ["type"], properties: { type: { const: "row" } } },
        then: { $ref: "#/definitions/rowPanel" },
        else: { $ref: "#/definitions/panel" }
      }
    },
    templating: { type: "object", properties: { list: { type: "array", items: variable } }, additionalProperties: false },
    annotations: { type: "object", properties: { list: { type: "array", items: annotation } }, additionalProperties: false },
    links: { type: "array", items: { $ref: "#/definitions/dashboardLink" } },
    snapshot: anyObject,
    preload: bool
  },
  additionalProperties: false,
  definitions: { panel, rowPanel, dashboardLink, dataSourceRef, gridPos, fieldConfigSource }
};
export {
  dashboardSchema
};
