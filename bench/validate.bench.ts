/**
 * How fast tier 1 is: `npx tsx bench/validate.bench.ts`. Prints wall times; asserts nothing.
 * Targets: the default project ≤ 300 ms, 10 000 expressions ≤ 1 s.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '../src/config/validate.js';
import { lintExpression } from '../src/check/expr-lint.js';
import { checkModel } from '../src/check/index.js';
import { MetricCatalog } from '../src/promql/index.js';

const ms = (t: number) => `${t.toFixed(1)} ms`;

async function defaultProject(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  let model;
  try {
    const { assembleModel } = await import('../src/model/assemble.js');
    const t0 = performance.now();
    model = await assembleModel(root);
    console.log(
      `default project: assembled ${model.dashboards.length} dashboards, ${model.ruleFiles.length} rule files in ${ms(performance.now() - t0)} (not counted)`,
    );
  } catch (err) {
    console.log(`default project: could not assemble (${(err as Error).message.split('\n')[0]}); skipped`);
    return;
  }
  const runs: number[] = [];
  let findings = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    findings = checkModel(model).length;
    runs.push(performance.now() - t0);
  }
  const expressions =
    model.dashboards.reduce((n, d) => n + JSON.stringify(d.json).split('"expr"').length - 1, 0) +
    model.ruleFiles.reduce((n, f) => n + f.groups.reduce((m, g) => m + g.rules.length, 0), 0);
  console.log(
    `default project tier 1: first run ${ms(runs[0]!)} (cold: schema compile, parser warm-up), warm median ${ms([...runs].sort((a, b) => a - b)[2]!)}; ~${expressions} expressions, ${findings} findings (target ≤ 300 ms)`,
  );
}

function generated(n: number, round: number): string[] {
  const metrics = [
    'http_requests_total',
    'http_request_duration_seconds_bucket',
    'process_resident_memory_bytes',
    'up',
    'items_created_total',
  ];
  const shapes = [
    (m: string, i: number) => `sum by (handler) (rate(${m}{job="$job", instance=~"$instance", handler="/h${i}"}[$__rate_interval]))`,
    (m: string, i: number) => `histogram_quantile(0.9${i % 10}, sum by (le) (rate(${m}{job="api", route="r${i}"}[5m])))`,
    (m: string, i: number) => `sum(rate(${m}{status=~"5..", shard="${i}"}[5m])) / sum(rate(${m}{shard="${i}"}[5m])) > 0.0${(i % 9) + 1}`,
    (m: string, i: number) => `max_over_time(${m}{job="api", n="${i}"}[10m]) offset 1h`,
    (m: string, i: number) =>
      `(${m}{job="api"} * on (instance) group_left (version) python_info{n="${i}"}) unless ${m}{x="${i}"} or vector(${i})`,
  ];
  return Array.from({ length: n }, (_, i) => shapes[i % shapes.length]!(metrics[i % metrics.length]!, i) + ' '.repeat(round));
}

function expressions(): void {
  const [service] = resolveConfig(
    { services: [{ name: 'bench', title: 'Bench', selector: { job: 'api' }, profile: 'fastapi-instrumentator' }] },
    'bench',
  );
  const catalog = new MetricCatalog([service!], []);
  lintExpression('up', { catalog, origin: 'rule' }); // load the grammar once
  // Each round uses 10 000 texts never seen before (the parse cache cannot help); round 1 includes JIT warm-up.
  for (let round = 1; round <= 3; round++) {
    const exprs = generated(10_000, round);
    const t0 = performance.now();
    let findings = 0;
    for (const e of exprs) findings += lintExpression(e, { catalog, origin: 'dashboard' }).length;
    const total = performance.now() - t0;
    console.log(
      `10 000 distinct expressions, round ${round} (parse + type check + lint): ${ms(total)}, ${((total * 1000) / exprs.length).toFixed(1)} µs per expression, ${findings} findings (target ≤ 1 s)`,
    );
  }
}

await defaultProject();
expressions();
