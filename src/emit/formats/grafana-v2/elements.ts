/**
 * Classic panels as v2beta1 `Panel` elements: the queries become a `QueryGroup` of `PanelQuery`
 * kinds (each query a `DataQuery` whose group is the data source type), the plugin's options and
 * field config a `VizConfig` whose group is the panel plugin id. What the classic panel says about
 * its place on the grid (gridPos, repeat) belongs to the layout (layout.ts), not to the element.
 */
export type Json = Record<string, unknown>;

/** A data source reference in the v2 form: the type is the query's `group`, the uid its `datasource.name`. */
export interface DataSourceRef {
  type?: string;
  uid?: string;
}

const object = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => Boolean(v) && typeof v === 'object') : []);

/** A `DataQuery` kind: `spec` is the query as the data source plugin reads it. */
export function dataQuery(ds: DataSourceRef | undefined, spec: Json): Json {
  return {
    kind: 'DataQuery',
    group: ds?.type ?? '',
    version: 'v0',
    ...(ds?.uid ? { datasource: { name: ds.uid } } : {}),
    spec,
  };
}

function panelQuery(target: Json, panelDs: DataSourceRef | undefined): Json {
  const { refId, hide, datasource, ...spec } = target;
  return {
    kind: 'PanelQuery',
    spec: {
      query: dataQuery((datasource as DataSourceRef | undefined) ?? panelDs, spec),
      refId: typeof refId === 'string' ? refId : '',
      hidden: hide === true,
    },
  };
}

/** The classic panel fields that are query options in v2, under the same names. */
const QUERY_OPTIONS = [
  'timeFrom',
  'timeShift',
  'maxDataPoints',
  'interval',
  'cacheTimeout',
  'queryCachingTTL',
  'hideTimeOverride',
] as const;

function queryOptions(panel: Json): Json {
  const out: Json = {};
  for (const k of QUERY_OPTIONS) if (panel[k] !== undefined && panel[k] !== null) out[k] = panel[k];
  return out;
}

function transformation(t: Json): Json {
  return { kind: typeof t.id === 'string' ? t.id : '', spec: { ...t, options: t.options ?? {} } };
}

function dataLink(link: Json): Json {
  return {
    title: typeof link.title === 'string' ? link.title : '',
    url: typeof link.url === 'string' ? link.url : '',
    ...(typeof link.targetBlank === 'boolean' ? { targetBlank: link.targetBlank } : {}),
  };
}

/** The element name Grafana gives a classic panel when it converts a dashboard: `panel-<id>`. */
export const elementName = (panel: Json): string => `panel-${String(panel.id)}`;

export function panelElement(panel: Json): Json {
  const library = object(panel.libraryPanel);
  if (typeof library.uid === 'string')
    return {
      kind: 'LibraryPanel',
      spec: {
        id: panel.id,
        title: typeof panel.title === 'string' ? panel.title : '',
        libraryPanel: { uid: library.uid, name: library.name ?? '' },
      },
    };
  const fieldConfig = object(panel.fieldConfig);
  const ds = panel.datasource as DataSourceRef | undefined;
  return {
    kind: 'Panel',
    spec: {
      id: panel.id,
      title: typeof panel.title === 'string' ? panel.title : '',
      ...(typeof panel.description === 'string' ? { description: panel.description } : {}),
      links: list(panel.links).map(dataLink),
      data: {
        kind: 'QueryGroup',
        spec: {
          queries: list(panel.targets).map((t) => panelQuery(t, ds)),
          transformations: list(panel.transformations).map(transformation),
          queryOptions: queryOptions(panel),
        },
      },
      vizConfig: {
        kind: 'VizConfig',
        group: panel.type,
        version: typeof panel.pluginVersion === 'string' ? panel.pluginVersion : '',
        spec: {
          options: object(panel.options),
          fieldConfig: { defaults: object(fieldConfig.defaults), overrides: list(fieldConfig.overrides) },
        },
      },
      ...(typeof panel.transparent === 'boolean' ? { transparent: panel.transparent } : {}),
    },
  };
}
