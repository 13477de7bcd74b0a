const tidy = (x) => String(Number(x.toPrecision(12)));
function repeat(value, n) {
  if (n <= 0) return [];
  if (value === "_") return [`_x${n}`];
  return n === 1 ? [value] : [`${value}x${n - 1}`];
}
const samplesOf = (s, i) => i === 0 ? s.minutes + 1 : s.minutes;
function counterValues(segments, perMinute) {
  const out = [];
  let value = 0;
  let running = false;
  segments.forEach((s, i) => {
    const n = samplesOf(s, i);
    if (s.down) {
      out.push(...running ? ["stale", ...repeat("_", n - 1)] : repeat("_", n));
      running = false;
      value = 0;
      return;
    }
    const rate = perMinute(s);
    const first = running ? value + rate : 0;
    out.push(`${tidy(first)}+${tidy(rate)}x${n - 1}`);
    value = first + rate * (n - 1);
    running = true;
  });
  return out.join(" ");
}
function upValues(segments) {
  const out = [];
  let listed = false;
  segments.forEach((s, i) => {
    const n = samplesOf(s, i);
    if (s.down === "gone") {
      out.push(...listed ? ["stale", ...repeat("_", n - 1)] : repeat("_", n));
      listed = false;
      return;
    }
    out.push(...repeat(s.down ? "0" : "1", n));
    listed = true;
  });
  return out.join(" ");
}
export {
  counterValues,
  upValues
};
