import { CLASSIC_PALETTE, colour, thresholdColour } from "./format.js";
function fieldConfig(panel) {
  const fc = panel.fieldConfig ?? {};
  return { defaults: fc.defaults ?? {}, overrides: fc.overrides ?? [] };
}
function defaultStyle(panel) {
  const d = fieldConfig(panel).defaults;
  return {
    ...d.unit !== void 0 ? { unit: d.unit } : {},
    ...typeof d.decimals === "number" ? { decimals: d.decimals } : {},
    ...typeof d.min === "number" ? { min: d.min } : {},
    ...typeof d.max === "number" ? { max: d.max } : {},
    ...d.thresholds?.steps ? { thresholds: d.thresholds.steps } : {},
    ...d.mappings ? { mappings: d.mappings } : {},
    ...d.displayName ? { displayName: d.displayName } : {},
    colourMode: d.color?.mode ?? (d.thresholds?.steps && panel.type !== "timeseries" ? "thresholds" : "palette-classic"),
    ...d.color?.fixedColor ? { fixedColour: d.color.fixedColor } : {},
    custom: { ...d.custom ?? {} }
  };
}
function matches(matcher, name, refId) {
  const options = matcher?.options;
  switch (matcher?.id) {
    case "byName":
      return options === name;
    case "byRegexp":
      try {
        return typeof options === "string" && new RegExp(`^(?:${options})$`).test(name);
      } catch {
        return false;
      }
    case "byFrameRefID":
      return options === refId;
    default:
      return false;
  }
}
function styleFor(panel, name, refId) {
  const style = defaultStyle(panel);
  for (const o of fieldConfig(panel).overrides) {
    if (!matches(o.matcher, name, refId)) continue;
    for (const p of o.properties ?? []) applyProperty(style, p.id ?? "", p.value);
  }
  return style;
}
function applyProperty(style, id, value) {
  if (id === "unit" && typeof value === "string") style.unit = value;
  else if (id === "decimals" && typeof value === "number") style.decimals = value;
  else if (id === "min" && typeof value === "number") style.min = value;
  else if (id === "max" && typeof value === "number") style.max = value;
  else if (id === "displayName" && typeof value === "string") style.displayName = value;
  else if (id === "thresholds") style.thresholds = value.steps ?? [];
  else if (id === "mappings") style.mappings = value;
  else if (id === "color") {
    const c = value;
    if (c.mode) style.colourMode = c.mode;
    if (c.fixedColor) style.fixedColour = c.fixedColor;
  } else if (id.startsWith("custom.")) style.custom[id.slice("custom.".length)] = value;
}
function seriesColour(style, index, value) {
  if ((style.colourMode === "fixed" || style.colourMode === "shades") && style.fixedColour) return colour(style.fixedColour);
  if (style.colourMode === "thresholds" && value !== void 0 && value !== null) {
    const c = thresholdColour(value, style.thresholds);
    if (c) return c;
  }
  if (style.colourMode === "thresholds" && style.thresholds?.[0]) return colour(style.thresholds[0].color);
  return CLASSIC_PALETTE[index % CLASSIC_PALETTE.length];
}
function reduce(values, calc) {
  const present = values.filter((v) => v !== null);
  const numbers = present.filter((v) => !Number.isNaN(v));
  switch (calc) {
    case "last":
      return present.length > 0 ? present[present.length - 1] : null;
    case "lastNotNull":
      return numbers.length > 0 ? numbers[numbers.length - 1] : null;
    case "first":
      return present[0] ?? null;
    case "firstNotNull":
      return numbers[0] ?? null;
    case "mean":
      return numbers.length > 0 ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null;
    case "max":
      return numbers.length > 0 ? Math.max(...numbers) : null;
    case "min":
      return numbers.length > 0 ? Math.min(...numbers) : null;
    case "sum":
      return numbers.reduce((a, b) => a + b, 0);
    case "count":
      return present.length;
    case "delta":
    case "range":
      return numbers.length > 0 ? Math.max(...numbers) - Math.min(...numbers) : null;
    default:
      return numbers.length > 0 ? numbers[numbers.length - 1] : null;
  }
}
const CALC_NAMES = {
  last: "Last",
  lastNotNull: "Last *",
  mean: "Mean",
  max: "Max",
  min: "Min",
  sum: "Total",
  first: "First",
  firstNotNull: "First *",
  count: "Count",
  delta: "Delta",
  range: "Range"
};
function panelCalc(panel) {
  const calcs = panel.options?.reduceOptions?.calcs;
  return calcs?.[0] ?? "lastNotNull";
}
function displayNameOf(style, series) {
  return style.displayName ?? series.name;
}
export {
  CALC_NAMES,
  defaultStyle,
  displayNameOf,
  panelCalc,
  reduce,
  seriesColour,
  styleFor
};
