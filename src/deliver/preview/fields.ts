/**
 * Grafana's field config for one series: the panel's defaults with every matching override laid
 * over them (by name, by regex, by query), plus the reducers that turn a series into the one value a
 * stat, gauge, bar gauge, pie chart or legend shows.
 */
import { CLASSIC_PALETTE, colour, thresholdColour, type FieldStyle, type ThresholdStep, type ValueMapping } from './format.js';
import type { Series } from './data.js';
import type { PanelJson } from './layout.js';

export interface SeriesStyle extends FieldStyle {
  displayName?: string;
  colourMode: string;
  fixedColour?: string;
  custom: Record<string, unknown>;
}

interface Override {
  matcher?: { id?: string; options?: unknown };
  properties?: Array<{ id?: string; value?: unknown }>;
}

interface Defaults {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: { steps?: ThresholdStep[] };
  mappings?: ValueMapping[];
  color?: { mode?: string; fixedColor?: string };
  custom?: Record<string, unknown>;
  displayName?: string;
}

function fieldConfig(panel: PanelJson): { defaults: Defaults; overrides: Override[] } {
  const fc = (panel.fieldConfig ?? {}) as { defaults?: Defaults; overrides?: Override[] };
  return { defaults: fc.defaults ?? {}, overrides: fc.overrides ?? [] };
}

export function defaultStyle(panel: PanelJson): SeriesStyle {
  const d = fieldConfig(panel).defaults;
  return {
    ...(d.unit !== undefined ? { unit: d.unit } : {}),
    ...(typeof d.decimals === 'number' ? { decimals: d.decimals } : {}),
    ...(typeof d.min === 'number' ? { min: d.min } : {}),
    ...(typeof d.max === 'number' ? { max: d.max } : {}),
    ...(d.thresholds?.steps ? { thresholds: d.thresholds.steps } : {}),
    ...(d.mappings ? { mappings: d.mappings } : {}),
    ...(d.displayName ? { displayName: d.displayName } : {}),
    colourMode: d.color?.mode ?? (d.thresholds?.steps && panel.type !== 'timeseries' ? 'thresholds' : 'palette-classic'),
    ...(d.color?.fixedColor ? { fixedColour: d.color.fixedColor } : {}),
    custom: { ...(d.custom ?? {}) },
  };
}

function matches(matcher: Override['matcher'], name: string, refId: string | undefined): boolean {
  const options = matcher?.options;
  switch (matcher?.id) {
    case 'byName':
      return options === name;
    case 'byRegexp':
      try {
        return typeof options === 'string' && new RegExp(`^(?:${options})$`).test(name);
      } catch {
        return false;
      }
    case 'byFrameRefID':
      return options === refId;
    default:
      return false;
  }
}

/** The style of the series or column called `name`, from query `refId` where known. */
export function styleFor(panel: PanelJson, name: string, refId?: string): SeriesStyle {
  const style = defaultStyle(panel);
  for (const o of fieldConfig(panel).overrides) {
    if (!matches(o.matcher, name, refId)) continue;
    for (const p of o.properties ?? []) applyProperty(style, p.id ?? '', p.value);
  }
  return style;
}

function applyProperty(style: SeriesStyle, id: string, value: unknown): void {
  if (id === 'unit' && typeof value === 'string') style.unit = value;
  else if (id === 'decimals' && typeof value === 'number') style.decimals = value;
  else if (id === 'min' && typeof value === 'number') style.min = value;
  else if (id === 'max' && typeof value === 'number') style.max = value;
  else if (id === 'displayName' && typeof value === 'string') style.displayName = value;
  else if (id === 'thresholds') style.thresholds = (value as { steps?: ThresholdStep[] }).steps ?? [];
  else if (id === 'mappings') style.mappings = value as ValueMapping[];
  else if (id === 'color') {
    const c = value as { mode?: string; fixedColor?: string };
    if (c.mode) style.colourMode = c.mode;
    if (c.fixedColor) style.fixedColour = c.fixedColor;
  } else if (id.startsWith('custom.')) style.custom[id.slice('custom.'.length)] = value;
}

/** A series' colour: fixed, from the thresholds at `value`, or the classic palette by position. */
export function seriesColour(style: SeriesStyle, index: number, value?: number | null): string {
  if ((style.colourMode === 'fixed' || style.colourMode === 'shades') && style.fixedColour) return colour(style.fixedColour);
  if (style.colourMode === 'thresholds' && value !== undefined && value !== null) {
    const c = thresholdColour(value, style.thresholds);
    if (c) return c;
  }
  if (style.colourMode === 'thresholds' && style.thresholds?.[0]) return colour(style.thresholds[0].color);
  return CLASSIC_PALETTE[index % CLASSIC_PALETTE.length]!;
}

export function reduce(values: ReadonlyArray<number | null>, calc: string): number | null {
  const present = values.filter((v): v is number => v !== null);
  const numbers = present.filter((v) => !Number.isNaN(v));
  switch (calc) {
    case 'last':
      return present.length > 0 ? present[present.length - 1]! : null;
    case 'lastNotNull':
      return numbers.length > 0 ? numbers[numbers.length - 1]! : null;
    case 'first':
      return present[0] ?? null;
    case 'firstNotNull':
      return numbers[0] ?? null;
    case 'mean':
      return numbers.length > 0 ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null;
    case 'max':
      return numbers.length > 0 ? Math.max(...numbers) : null;
    case 'min':
      return numbers.length > 0 ? Math.min(...numbers) : null;
    case 'sum':
      return numbers.reduce((a, b) => a + b, 0);
    case 'count':
      return present.length;
    case 'delta':
    case 'range':
      return numbers.length > 0 ? Math.max(...numbers) - Math.min(...numbers) : null;
    default:
      return numbers.length > 0 ? numbers[numbers.length - 1]! : null;
  }
}

export const CALC_NAMES: Record<string, string> = {
  last: 'Last',
  lastNotNull: 'Last *',
  mean: 'Mean',
  max: 'Max',
  min: 'Min',
  sum: 'Total',
  first: 'First',
  firstNotNull: 'First *',
  count: 'Count',
  delta: 'Delta',
  range: 'Range',
};

export function panelCalc(panel: PanelJson): string {
  const calcs = (panel.options as { reduceOptions?: { calcs?: string[] } } | undefined)?.reduceOptions?.calcs;
  return calcs?.[0] ?? 'lastNotNull';
}

export function displayNameOf(style: SeriesStyle, series: Series): string {
  return style.displayName ?? series.name;
}
