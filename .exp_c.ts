import config from './dac.config.ts';
import { resolveConfig } from './src/config/validate.js';
import { normalizeDashboard } from './src/dashboards/normalize.js';
import { lintExpression } from './src/check/expr-lint.js';
import { MetricCatalog } from './src/check/metric-names.js';
import http from './dashboards/http-overview.js';
import biz from './dashboards/business.js';
import db from './dashboards/database.js';
import red from './dashboards/red.js';
const services = resolveConfig(config, 'dac.config.ts');
const s = services[0]!;
const defs = [http, biz, db, red].filter(d => d.appliesTo?.(s) ?? true);
const refs = defs.map(d => ({ id: d.id, uid: `${s.name}-${d.id}`, title: `${s.title} / ${d.title}` }));
const cat = new MetricCatalog(services, []);
for (const [i, d] of defs.entries()) {
  const out: any = d.build({ service: s, uid: refs[i]!.uid, title: refs[i]!.title, dashboards: refs });
  const j: any = normalizeDashboard(out.build(), { uid: refs[i]!.uid, title: refs[i]!.title });
  console.log('==', j.uid, j.title);
  for (const p of j.panels) {
    console.log(`  [${p.type}] ${p.title} ${JSON.stringify(p.gridPos)} unit=${p.fieldConfig?.defaults?.unit ?? p.options?.yAxis?.unit}`);
    for (const t of p.targets ?? []) {
      const f = lintExpression(t.expr, { catalog: cat, origin: 'dashboard' });
      if (process.argv[2] === 'v') console.log('     ', t.expr);
      for (const x of f) console.log('      !!', x.check, x.message);
    }
  }
  if (process.argv[2] === 'j' && j.uid.endsWith('red')) console.log(JSON.stringify(j, null, 1));
}
