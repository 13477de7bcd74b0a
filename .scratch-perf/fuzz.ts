import { stringify, parse } from 'yaml';
import { writeYaml, readsAsNonString, BLANK_LINE } from '../src/emit/yaml-writer.js';
let seed = Number(process.argv[2] ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
const atoms = ['a', ' ', '\n', '\t', ':', '#', '-', '?', '"', "'", '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`', '.', '0', '1', 'x', 'é', '\u0001', '\u2028', '\\', '---', '...', 'true', 'null', 'on', 'yes', '~', '1e3', '0x1F', '1_000', '<<', '2001-12-14', 'y', 'N', '$value', '{{ $labels.job }}', '  ', '\n\n', 'Off', ' \n', '\t'];
function str(): string { const n = Math.floor(rnd() * 6); let s = ''; for (let i = 0; i < n; i++) s += pick(atoms); return s; }
function val(d: number): unknown {
  const r = rnd();
  if (d > 3 || r < 0.45) return str();
  if (r < 0.5) return pick([0, 1, -1, 0.5, 1e21, -0, NaN, Infinity, 123456789, 1e-7]);
  if (r < 0.55) return pick([true, false, null]);
  if (r < 0.75) { const n = Math.floor(rnd() * 4); return Array.from({ length: n }, () => val(d + 1)); }
  const o: Record<string, unknown> = {}; const n = Math.floor(rnd() * 4); for (let i = 0; i < n; i++) o[str()] = val(d + 1); return o;
}
function hasNonString(v: unknown): boolean {
  if (typeof v === 'string') return readsAsNonString(v) || (v.includes('\n') && BLANK_LINE.test(v));
  if (Array.isArray(v)) return v.some(hasNonString);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => readsAsNonString(k) || (k.includes('\n') && BLANK_LINE.test(k)) || hasNonString(x));
  return false;
}
let same = 0, diffs = 0, skipped = 0;
for (let i = 0; i < 20000; i++) {
  const v0 = val(0); const doc = (v0 && typeof v0 === 'object') ? v0 : { root: v0, other: val(1) };
  const mine = writeYaml(doc);
  const back12 = parse(mine); const back11 = parse(mine, { version: '1.1' });
  const want = JSON.parse(JSON.stringify(doc, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)));
  const norm = (x: unknown) => JSON.stringify(x, (_, y) => (typeof y === 'number' && !Number.isFinite(y) ? String(y) : Object.is(y, -0) ? 0 : y));
  if (norm(back12) !== norm(doc) || norm(back11) !== norm(doc)) { console.log('ROUNDTRIP FAIL', JSON.stringify(doc), '\n', mine, norm(back11)); process.exit(1); }
  void want;
  if (hasNonString(doc)) { skipped++; continue; }
  const lib = stringify(doc, { lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
  if (lib === mine) same++; else { diffs++; if (diffs < 4) console.log('DIFF', JSON.stringify(doc), '\n--lib\n' + lib + '--mine\n' + mine); }
}
console.log({ same, diffs, skipped });
