const tidy = (x) => String(Number(x.toPrecision(12)));
function cumulativeValues(segments, perMinute) {
  let value = 0;
  return segments.map((s, i) => {
    const rate = perMinute(s);
    const first = i === 0 ? 0 : value + rate;
    const steps = i === 0 ? s.minutes : s.minutes - 1;
    value += rate * s.minutes;
    return `${tidy(first)}+${tidy(rate)}x${steps}`;
  }).join(" ");
}
function profileMinutes(segments) {
  return segments.reduce((sum, s) => sum + s.minutes, 0);
}
const leText = (b) => b === Infinity ? "+Inf" : Number.isInteger(b) ? `${b}.0` : String(b);
function latencyBuckets(buckets, threshold) {
  return [...buckets, Infinity].map((b) => ({
    le: leText(b),
    count: (s) => b < threshold ? 0 : b === threshold ? s.good : s.good + s.bad
  }));
}
export {
  cumulativeValues,
  latencyBuckets,
  profileMinutes
};
