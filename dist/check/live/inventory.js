const SUFFIXES = {
  counter: ["_total", "_created"],
  histogram: ["_bucket", "_sum", "_count", "_created"],
  gaugehistogram: ["_bucket", "_gsum", "_gcount"],
  summary: ["_sum", "_count", "_created"],
  info: ["_info"]
};
function familyOf(name, types) {
  const own = types.get(name);
  if (own !== void 0) return { family: name, type: own };
  for (const [type, suffixes] of Object.entries(SUFFIXES)) {
    for (const suffix of suffixes) {
      if (!name.endsWith(suffix)) continue;
      const base = name.slice(0, -suffix.length);
      if (types.get(base) === type) return { family: base, type };
    }
  }
  return { family: name, type: "unknown" };
}
function isCounterSeries(name, s) {
  if (s.type === "counter") return true;
  if (s.type === "histogram" || s.type === "summary") return /_(bucket|count|sum)$/.test(name) && name !== s.family;
  return false;
}
function isGaugeSeries(name, s) {
  if (s.type === "gauge" || s.type === "info" || s.type === "stateset") return true;
  if (s.type === "gaugehistogram") return true;
  return s.type === "summary" && name === s.family;
}
function parseLe(value) {
  const v = value.trim();
  if (v === "+Inf" || v === "Inf") return Infinity;
  if (v === "" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return void 0;
  return Number(v);
}
function addSeries(into, name, labels, types) {
  let s = into.get(name);
  if (!s) {
    s = { ...familyOf(name, types), labels: /* @__PURE__ */ new Set() };
    into.set(name, s);
  }
  for (const [label, value] of labels) {
    if (label === "__name__") continue;
    s.labels.add(label);
    if (label === "le" && name.endsWith("_bucket")) {
      (s.leValues ??= /* @__PURE__ */ new Set()).add(value);
      const le = parseLe(value);
      if (le !== void 0 && Number.isFinite(le)) {
        const buckets = s.buckets ??= [];
        if (!buckets.includes(le)) {
          buckets.push(le);
          buckets.sort((a, b) => a - b);
        }
      }
    }
  }
}
function formatBuckets(buckets) {
  return buckets.length === 0 ? "(none)" : buckets.map((b) => String(b)).join(", ");
}
export {
  addSeries,
  familyOf,
  formatBuckets,
  isCounterSeries,
  isGaugeSeries,
  parseLe
};
