const UNITS = { ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536e3 };
const DURATION = /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;
const DURATION_PATTERN = `^(?=\\d)${DURATION.source.slice(1)}`;
function parseDuration(text) {
  const m = typeof text === "string" && text !== "" ? DURATION.exec(text) : null;
  if (!m) throw new Error(`"${String(text)}" is not a Prometheus duration (e.g. 5m, 1h30m, 30d)`);
  const parts = [
    [m[2], UNITS.y],
    [m[4], UNITS.w],
    [m[6], UNITS.d],
    [m[8], UNITS.h],
    [m[10], UNITS.m],
    [m[12], UNITS.s],
    [m[14], UNITS.ms]
  ];
  return parts.reduce((sum, [n, unit]) => sum + (n ? Number(n) * unit : 0), 0);
}
function formatDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`cannot format ${seconds}s as a duration`);
  let ms = Math.round(seconds * 1e3);
  if (ms === 0) return "0s";
  let out = "";
  for (const [unit, size] of [
    ["d", 864e5],
    ["h", 36e5],
    ["m", 6e4],
    ["s", 1e3],
    ["ms", 1]
  ]) {
    if (ms >= size) {
      out += `${Math.floor(ms / size)}${unit}`;
      ms %= size;
    }
  }
  return out;
}
export {
  DURATION_PATTERN,
  formatDuration,
  parseDuration
};
