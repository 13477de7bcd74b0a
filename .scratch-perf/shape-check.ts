import { isDeepStrictEqual } from 'node:util';
import { assembleModel } from '../src/model/assemble.js';
import { parsePromql, parsePromqlAlone } from '../src/check/promql.js';
const model = await assembleModel(process.argv[2]!);
const exprs = new Set<string>();
for (const f of model.ruleFiles) for (const g of f.groups) for (const r of g.rules) exprs.add(r.expr);
const collect = (v: unknown): void => {
  if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { if ((k === 'expr' || k === 'query' || k === 'definition') && typeof x === 'string') exprs.add(x); else collect(x); }
};
for (const d of model.dashboards) collect(d.json);
let n = 0, bad = 0;
const t0 = performance.now();
for (const e of exprs) { parsePromql(e); }
const t1 = performance.now();
for (const e of exprs) { n++; const a = parsePromql(e); const b = parsePromqlAlone(e); if (!isDeepStrictEqual(a, b)) { bad++; if (bad < 3) console.log('MISMATCH', e, JSON.stringify(a).slice(0, 300), JSON.stringify(b).slice(0, 300)); } }
console.log({ n, bad, shapedMs: (t1 - t0).toFixed(0) });
const t2 = performance.now();
for (const e of exprs) parsePromqlAlone(e);
console.log('alone ms', (performance.now() - t2).toFixed(0));
const noLit = [...exprs].filter((e) => !/=~?\s*"/.test(e));
console.log('exprs without matcher literals', noLit.length, noLit.slice(0, 3));
const m = new Map<string, number>();
for (const e of exprs) { const k = e.replace(/"[^"]*"/g, (s) => '"' + 'a'.repeat(s.length - 2) + '"'); m.set(k, (m.get(k) ?? 0) + 1); }
console.log('approx shapes', m.size);
