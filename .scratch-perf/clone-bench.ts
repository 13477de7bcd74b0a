import { assembleModel } from '../src/model/assemble.js';
const model = await assembleModel(process.argv[2]!);
const objs = model.dashboards.map((d) => d.json);
function jsonClone(v: unknown): unknown {
  switch (typeof v) {
    case 'string': case 'boolean': return v;
    case 'number': return Number.isFinite(v) ? v : null;
    case 'object': {
      if (v === null) return null;
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v));
      if (Array.isArray(v)) { const out = new Array(v.length); for (let i = 0; i < v.length; i++) { const c = jsonClone(v[i]); out[i] = c === undefined ? null : c; } return out; }
      const out: Record<string, unknown> = {};
      for (const k in v) { if (!Object.prototype.hasOwnProperty.call(v, k)) continue; const c = jsonClone((v as Record<string, unknown>)[k]); if (c !== undefined) out[k] = c; }
      return out;
    }
    default: return undefined;
  }
}
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (const o of objs) JSON.parse(JSON.stringify(o));
  const a = performance.now() - t;
  t = performance.now();
  for (const o of objs) jsonClone(o);
  const b = performance.now() - t;
  t = performance.now();
  for (const o of objs) structuredClone(o);
  const c = performance.now() - t;
  console.log({ json: a.toFixed(0), custom: b.toFixed(0), structured: c.toFixed(0) });
}
