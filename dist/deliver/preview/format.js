const NAMED_COLOURS = {
  green: "#73BF69",
  "dark-green": "#37872D",
  "semi-dark-green": "#56A64B",
  "light-green": "#96D98D",
  red: "#F2495C",
  "dark-red": "#C4162A",
  "semi-dark-red": "#E02F44",
  "light-red": "#FF7383",
  yellow: "#FADE2A",
  "dark-yellow": "#E0B400",
  "light-yellow": "#FFEE52",
  orange: "#FF9830",
  "dark-orange": "#FA6400",
  "light-orange": "#FFB357",
  blue: "#5794F2",
  "dark-blue": "#1F60C4",
  "light-blue": "#8AB8FF",
  purple: "#B877D9",
  "dark-purple": "#8F3BB8",
  "light-purple": "#CA95E5",
  text: "#CCCCDC",
  transparent: "transparent"
};
const CLASSIC_PALETTE = [
  "#7EB26D",
  "#EAB839",
  "#6ED0E0",
  "#EF843C",
  "#E24D42",
  "#1F78C1",
  "#BA43A9",
  "#705DA0",
  "#508642",
  "#CCA300",
  "#447EBC",
  "#C15C17"
];
function colour(name) {
  return NAMED_COLOURS[name] ?? name;
}
function thresholdColour(value, steps) {
  if (!steps || steps.length === 0 || Number.isNaN(value)) return void 0;
  let picked = steps[0].color;
  for (const step of steps) if (step.value === null || value >= step.value) picked = step.color;
  return colour(picked);
}
function display(value, style) {
  const mapped = applyMappings(value, style.mappings);
  const thresholdTint = value === null ? void 0 : thresholdColour(value, style.thresholds);
  if (mapped)
    return { text: mapped.text ?? formatNumber(value, style).text, prefix: "", suffix: "", colour: mapped.colour ?? thresholdTint };
  if (value === null) return { text: "No data", prefix: "", suffix: "", colour: void 0 };
  return { ...formatNumber(value, style), colour: thresholdTint ?? (style.color ? colour(style.color) : void 0) };
}
function applyMappings(value, mappings) {
  for (const mapping of mappings ?? []) {
    const options = mapping.options ?? {};
    let result;
    if (mapping.type === "value" && value !== null) result = options[String(value)];
    if (mapping.type === "special") {
      const match = options.match;
      const hit = match === "nan" && value !== null && Number.isNaN(value) || match === "null" && value === null || match === "null+nan" && (value === null || Number.isNaN(value));
      if (hit) result = options.result;
    }
    if (mapping.type === "range" && value !== null) {
      const from = typeof options.from === "number" ? options.from : -Infinity;
      const to = typeof options.to === "number" ? options.to : Infinity;
      if (value >= from && value <= to) result = options.result;
    }
    if (result) {
      return {
        ...typeof result.text === "string" ? { text: result.text } : {},
        ...typeof result.color === "string" ? { colour: colour(result.color) } : {}
      };
    }
  }
  return void 0;
}
function formatNumber(value, style) {
  if (value === null) return { text: "No data", prefix: "", suffix: "" };
  if (Number.isNaN(value)) return { text: "NaN", prefix: "", suffix: "" };
  if (!Number.isFinite(value)) return { text: value > 0 ? "+Inf" : "-Inf", prefix: "", suffix: "" };
  const decimals = style.decimals;
  const unit = style.unit ?? "short";
  switch (unit) {
    case "percentunit":
      return { text: toFixed(value * 100, decimals), prefix: "", suffix: "%" };
    case "percent":
      return { text: toFixed(value, decimals), prefix: "", suffix: "%" };
    case "none":
    case "string":
      return { text: toFixed(value, decimals), prefix: "", suffix: "" };
    case "short":
      return scaled(value, decimals, 1e3, ["", " K", " Mil", " Bil", " Tri"], "");
    case "reqps":
      return scaled(value, decimals, 1e3, ["", "K", "M", "B", "T"], " req/s");
    case "rps":
      return scaled(value, decimals, 1e3, ["", "K", "M", "B", "T"], " rd/s");
    case "wps":
      return scaled(value, decimals, 1e3, ["", "K", "M", "B", "T"], " wr/s");
    case "ops":
      return scaled(value, decimals, 1e3, ["", "K", "M", "B", "T"], " ops/s");
    case "bytes":
      return scaled(value, decimals, 1024, [" B", " KiB", " MiB", " GiB", " TiB"], "");
    case "decbytes":
      return scaled(value, decimals, 1e3, [" B", " kB", " MB", " GB", " TB"], "");
    case "s":
      return seconds(value, decimals);
    case "ms":
      return seconds(value / 1e3, decimals);
    default:
      return { text: toFixed(value, decimals), prefix: "", suffix: ` ${unit}` };
  }
}
function formatValue(value, style) {
  const d = display(value, style);
  return `${d.prefix}${d.text}${d.suffix}`;
}
function seconds(value, decimals) {
  const abs = Math.abs(value);
  const unitOf = (text, suffix) => ({ text, prefix: "", suffix });
  if (abs === 0) return unitOf("0", " s");
  if (abs < 1e-6) return unitOf(toFixed(value * 1e9, decimals), " ns");
  if (abs < 1e-3) return unitOf(toFixed(value * 1e6, decimals), " \xB5s");
  if (abs < 1) return unitOf(toFixed(value * 1e3, decimals), " ms");
  if (abs < 60) return unitOf(toFixed(value, decimals), " s");
  if (abs < 3600) return unitOf(toFixed(value / 60, decimals), " min");
  if (abs < 86400) return unitOf(toFixed(value / 3600, decimals), " hour");
  if (abs < 604800) return unitOf(toFixed(value / 86400, decimals), " day");
  return unitOf(toFixed(value / 604800, decimals), " week");
}
function scaled(value, decimals, factor, steps, suffix) {
  let step = 0;
  let v = value;
  while (Math.abs(v) >= factor && step < steps.length - 1) {
    v /= factor;
    step++;
  }
  return { text: toFixed(v, decimals), prefix: "", suffix: `${steps[step]}${suffix}` };
}
function autoDecimals(value) {
  if (value === 0 || Number.isInteger(value)) return 0;
  const abs = Math.abs(value);
  let dec = -Math.floor(Math.log10(abs)) + 1;
  const norm = abs / Math.pow(10, -dec);
  if (norm > 2.25) ++dec;
  return Math.max(0, dec);
}
function toFixed(value, decimals) {
  if (decimals !== void 0) return value.toFixed(Math.max(0, Math.min(20, decimals)));
  const d = autoDecimals(value);
  const factor = Math.pow(10, d);
  return String(Math.round(value * factor) / factor);
}
export {
  CLASSIC_PALETTE,
  autoDecimals,
  colour,
  display,
  formatNumber,
  formatValue,
  thresholdColour,
  toFixed
};
