/** Prometheus durations (`1h30m`, `5m`, `30d`) to and from seconds. */
const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
const DURATION = /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;

/** The same grammar as a JSON Schema `pattern`, so a spec file is refused where it is read. */
export const DURATION_PATTERN = `^(?=\\d)${DURATION.source.slice(1)}`;

export function parseDuration(text: string): number {
  const m = typeof text === 'string' && text !== '' ? DURATION.exec(text) : null;
  if (!m) throw new Error(`"${String(text)}" is not a Prometheus duration (e.g. 5m, 1h30m, 30d)`);
  const parts: [string | undefined, number][] = [
    [m[2], UNITS.y!],
    [m[4], UNITS.w!],
    [m[6], UNITS.d!],
    [m[8], UNITS.h!],
    [m[10], UNITS.m!],
    [m[12], UNITS.s!],
    [m[14], UNITS.ms!],
  ];
  return parts.reduce((sum, [n, unit]) => sum + (n ? Number(n) * unit : 0), 0);
}

/** Shortest Prometheus spelling of a whole number of seconds: 2592000 → 30d, 5400 → 1h30m. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`cannot format ${seconds}s as a duration`);
  let ms = Math.round(seconds * 1000);
  if (ms === 0) return '0s';
  let out = '';
  for (const [unit, size] of [
    ['d', 86400000],
    ['h', 3600000],
    ['m', 60000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    if (ms >= size) {
      out += `${Math.floor(ms / size)}${unit}`;
      ms %= size;
    }
  }
  return out;
}
