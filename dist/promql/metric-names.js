const SYNTHETIC = [
  "up",
  "scrape_duration_seconds",
  "scrape_samples_scraped",
  "scrape_samples_post_metric_relabeling",
  "scrape_series_added",
  "ALERTS",
  "ALERTS_FOR_STATE"
];
class MetricCatalog {
  kinds = /* @__PURE__ */ new Map();
  suggestions = /* @__PURE__ */ new Map();
  sortedNames;
  constructor(services, recordingRules) {
    for (const name of SYNTHETIC) this.kinds.set(name, "synthetic");
    for (const service of services) for (const [name, kind] of Object.entries(service.metrics)) this.kinds.set(name, kind);
    for (const name of recordingRules) this.kinds.set(name, "recording");
  }
  kind(name) {
    return this.kinds.get(name);
  }
  has(name) {
    return this.kinds.has(name);
  }
  /** The closest known name, when close enough to be the intended one. */
  suggest(name) {
    if (!this.suggestions.has(name)) this.suggestions.set(name, this.closest(name));
    return this.suggestions.get(name);
  }
  closest(name) {
    this.sortedNames ??= [...this.kinds.keys()].sort();
    let best;
    let bestDistance = Infinity;
    const limit = Math.max(2, Math.floor(name.length / 3));
    for (const candidate of this.sortedNames) {
      const d = editDistance(name, candidate, limit);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? best : void 0;
  }
}
function editDistance(a, b, limit = Infinity) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}
function isCounterName(name) {
  return /_(total|bucket|count|sum)$/.test(name);
}
export {
  MetricCatalog,
  editDistance,
  isCounterName
};
