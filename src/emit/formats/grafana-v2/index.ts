/**
 * A classic dashboard (the JSON dac builds) as the spec of a `dashboard.grafana.app/v2beta1`
 * resource: panels as elements, their places as a layout, variables, annotations and links as v2
 * kinds, time and refresh as `timeSettings`. The result is held against `@grafana/schema`'s v2
 * types by `dac validate` (src/check/grafana-types/v2.ts).
 */
import { dataQuery, elementName, panelElement, type DataSourceRef, type Json } from './elements.js';
import { layoutOf } from './layout.js';
import { variableKind } from './variables.js';

const CURSOR_SYNC = ['Off', 'Crosshair', 'Tooltip'] as const;
/** Grafana's time picker offers these refresh intervals unless a dashboard names its own. */
const DEFAULT_REFRESH_INTERVALS = ['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'];

const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => Boolean(v) && typeof v === 'object') : []);

function annotation(a: Json): Json {
  const { datasource, target, name, enable, hide, iconColor, builtIn, filter } = a;
  return {
    kind: 'AnnotationQuery',
    spec: {
      query: dataQuery(datasource as DataSourceRef | undefined, (target as Json | undefined) ?? {}),
      enable: enable !== false,
      hide: hide === true,
      iconColor: typeof iconColor === 'string' ? iconColor : '',
      name: typeof name === 'string' ? name : '',
      ...(builtIn !== undefined ? { builtIn: builtIn === true || builtIn === 1 } : {}),
      ...(filter && typeof filter === 'object' ? { filter } : {}),
    },
  };
}

function link(l: Json): Json {
  return {
    title: l.title ?? '',
    type: l.type ?? 'link',
    icon: l.icon ?? '',
    tooltip: l.tooltip ?? '',
    ...(typeof l.url === 'string' ? { url: l.url } : {}),
    tags: Array.isArray(l.tags) ? l.tags : [],
    asDropdown: l.asDropdown === true,
    targetBlank: l.targetBlank === true,
    includeVars: l.includeVars === true,
    keepTime: l.keepTime === true,
    ...(l.placement === 'inControlsMenu' ? { placement: l.placement } : {}),
  };
}

function timeSettings(d: Json): Json {
  const time = (d.time ?? {}) as Json;
  const picker = (d.timepicker ?? {}) as Json;
  return {
    ...(typeof d.timezone === 'string' ? { timezone: d.timezone } : {}),
    from: time.from ?? 'now-6h',
    to: time.to ?? 'now',
    autoRefresh: typeof d.refresh === 'string' ? d.refresh : '',
    autoRefreshIntervals: Array.isArray(picker.refresh_intervals) ? picker.refresh_intervals : DEFAULT_REFRESH_INTERVALS,
    hideTimepicker: picker.hidden === true,
    fiscalYearStartMonth: typeof d.fiscalYearStartMonth === 'number' ? d.fiscalYearStartMonth : 0,
    ...(typeof d.weekStart === 'string' && d.weekStart ? { weekStart: d.weekStart } : {}),
    ...(typeof picker.nowDelay === 'string' && picker.nowDelay ? { nowDelay: picker.nowDelay } : {}),
  };
}

export function dashboardV2Spec(d: Json): Json {
  const { layout, placed } = layoutOf(list(d.panels));
  const elements: Json = {};
  for (const p of placed) elements[elementName(p)] = panelElement(p);
  return {
    annotations: list((d.annotations as Json | undefined)?.list).map(annotation),
    cursorSync: CURSOR_SYNC[typeof d.graphTooltip === 'number' ? d.graphTooltip : 0] ?? 'Off',
    ...(typeof d.description === 'string' ? { description: d.description } : {}),
    ...(typeof d.editable === 'boolean' ? { editable: d.editable } : {}),
    elements,
    layout,
    links: list(d.links).map(link),
    ...(typeof d.liveNow === 'boolean' ? { liveNow: d.liveNow } : {}),
    preload: d.preload === true,
    tags: Array.isArray(d.tags) ? d.tags : [],
    timeSettings: timeSettings(d),
    title: d.title ?? '',
    variables: list((d.templating as Json | undefined)?.list).map(variableKind),
  };
}
