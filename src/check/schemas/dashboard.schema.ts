/**
 * JSON Schema (draft-07) of what dac asks of a dashboard beyond Grafana's own types. The shape
 * Grafana declares (every field, enum and type of the dashboard, its panels, their options and
 * field config) is checked against `@grafana/schema` itself (src/check/grafana-types/); this
 * schema keeps only dac's stricter rules: the fields a generated dashboard must carry, uids that
 * survive every Grafana API, whole-number ids and grid positions inside the 24-column grid, query
 * fields the Prometheus data source reads (Grafana publishes no type for them), data links that
 * lead somewhere, variable names a query can reference.
 */

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;

const dataSourceRef = {
  type: 'object',
  properties: { type: str, uid: str },
} as const;

const gridPos = {
  type: 'object',
  required: ['h', 'w', 'x', 'y'],
  properties: {
    h: { type: 'integer', minimum: 1 },
    w: { type: 'integer', minimum: 1, maximum: 24 },
    x: { type: 'integer', minimum: 0, maximum: 23 },
    y: { type: 'integer', minimum: 0 },
  },
} as const;

/** Field links are data links: Grafana's types leave their shape open; a link needs a title and a url. */
const dataLink = {
  type: 'object',
  required: ['title', 'url'],
  properties: { title: str, url: str },
} as const;

const fieldConfig = {
  type: 'object',
  properties: {
    decimals: int,
    thresholds: { type: 'object', properties: { steps: { type: 'array', minItems: 1 } } },
    links: { type: 'array', items: dataLink },
  },
} as const;

/**
 * A Prometheus query. `@grafana/schema` declares no type for it (its panels hold
 * `Record<string, unknown>` targets), so the fields the data source reads are typed here.
 */
const target = {
  type: 'object',
  required: ['refId'],
  properties: {
    refId: { type: 'string', minLength: 1 },
    datasource: dataSourceRef,
    hide: bool,
    expr: str,
    legendFormat: str,
    instant: bool,
    range: bool,
    format: { enum: ['time_series', 'table', 'heatmap'] },
    interval: str,
    intervalFactor: num,
    exemplar: bool,
    editorMode: { enum: ['code', 'builder'] },
  },
} as const;

const panel = {
  type: 'object',
  required: ['type', 'id', 'gridPos'],
  properties: {
    type: { type: 'string', minLength: 1, not: { const: 'row' } },
    id: int,
    targets: { type: 'array', items: target },
    gridPos: { $ref: '#/definitions/gridPos' },
    maxPerRow: int,
    fieldConfig: { type: 'object', properties: { defaults: fieldConfig } },
  },
} as const;

const rowPanel = {
  type: 'object',
  required: ['type', 'collapsed', 'id', 'panels'],
  properties: {
    type: { const: 'row' },
    collapsed: bool,
    id: int,
    gridPos: { $ref: '#/definitions/gridPos' },
    panels: { type: 'array', items: { $ref: '#/definitions/panel' } },
  },
} as const;

const variable = {
  type: 'object',
  required: ['type', 'name'],
  properties: {
    type: str,
    name: { type: 'string', pattern: '^[A-Za-z0-9_]+$' },
  },
} as const;

export const dashboardSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dac.local/schemas/grafana-dashboard-v1.json',
  title: "dac's own rules for a Grafana classic dashboard (schemaVersion 42)",
  type: 'object',
  required: ['uid', 'title', 'schemaVersion', 'templating', 'annotations', 'panels'],
  properties: {
    uid: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' },
    title: { type: 'string', minLength: 1 },
    fiscalYearStartMonth: { type: 'integer', minimum: 0, maximum: 11 },
    schemaVersion: { type: 'integer', minimum: 36 },
    panels: {
      type: 'array',
      // if/then/else rather than anyOf: ajv then reports the panel's own mistake, not both branches'.
      items: {
        if: { type: 'object', required: ['type'], properties: { type: { const: 'row' } } },
        then: { $ref: '#/definitions/rowPanel' },
        else: { $ref: '#/definitions/panel' },
      },
    },
    templating: { type: 'object', properties: { list: { type: 'array', items: variable } } },
    annotations: { type: 'object' },
  },
  definitions: { panel, rowPanel, gridPos },
} as const;
