function bucketsOf(service, histogram) {
  return service.histograms[histogram];
}
function serviceLatencyHistogram(service) {
  return service.profile.http.durationHighResolution ?? service.profile.http.duration;
}
function latencySloHistogram(service, thresholdSeconds) {
  const http = service.profile.http;
  const candidates = [.../* @__PURE__ */ new Set([serviceLatencyHistogram(service), http.duration])];
  return candidates.find((h) => isBoundary(thresholdSeconds, bucketsOf(service, h) ?? []));
}
function isBoundary(value, buckets) {
  return buckets.includes(value);
}
function nearestBoundaries(value, buckets) {
  const below = [...buckets].reverse().find((b) => b < value);
  const above = buckets.find((b) => b > value);
  if (below !== void 0 && above !== void 0) return `${below} or ${above}`;
  if (below !== void 0) return `${below} (the highest)`;
  if (above !== void 0) return `${above} (the lowest)`;
  return "";
}
function quantileCeiling(buckets) {
  return buckets[buckets.length - 1] ?? 0;
}
function quantileFloor(q, buckets) {
  return q * (buckets[0] ?? 0);
}
const formatBucketList = (buckets) => buckets.join(", ");
export {
  bucketsOf,
  formatBucketList,
  isBoundary,
  latencySloHistogram,
  nearestBoundaries,
  quantileCeiling,
  quantileFloor,
  serviceLatencyHistogram
};
