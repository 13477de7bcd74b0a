/**
 * A user's project written the way the README says (examples/shop): modules import `dac`,
 * `dac/dashboards` and `dac/rules`; two services with other metric profiles; a custom dashboard.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readTree } from '../src/io/write.js';
import { ensurePromTools } from './setup/prom-tools.js';
import { repoRoot } from '../tools/project-copy.js';

const project = path.join(repoRoot, 'examples/shop');
const dac = (...args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin/dac.js'), '--dir', project, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

let out: string;
let files: Map<string, string>;
const json = (p: string) =>
  JSON.parse(files.get(p) ?? 'null') as { title: string; uid: string; panels: { targets?: { expr: string }[] }[] };
const yaml = <T>(p: string) => parse(files.get(p) ?? '') as T;
type RuleDoc = { groups: { rules: { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string> }[] }[] };

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'dac-shop-'));
  await dac('build', '--out', out);
  files = readTree(out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the shop example project', () => {
  it('gives each service its own dashboard, uid and title from one module', () => {
    expect(json('dashboards/catalog-overview.json').title).toBe('Catalog / Overview');
    expect(json('dashboards/checkout-overview.json').title).toBe('Checkout / Overview');
  });

  it('takes metric and label names from each service profile, never from the module', () => {
    const exprs = (p: string) => json(p).panels.flatMap((panel) => (panel.targets ?? []).map((t) => t.expr));
    expect(exprs('dashboards/catalog-overview.json').join('\n')).toContain(
      'flask_http_request_duration_seconds_count{job="$job", namespace="shop", instance=~"$instance"}',
    );
    expect(exprs('dashboards/checkout-overview.json').join('\n')).toContain(
      'checkout_http_request_duration_seconds_bucket{job="$job", namespace="shop", instance=~"$instance"}',
    );
    const checkoutErrors = yaml<RuleDoc>('rules/checkout-alerts.yml').groups[0]!.rules.find((r) => r.alert === 'HighErrorRate')!;
    expect(checkoutErrors.expr).toContain('checkout_http_requests_total{job="checkout",namespace="shop",code=~"5.."}');
  });

  it('applies the team’s alert override', () => {
    const warning = yaml<RuleDoc>('rules/catalog-alerts.yml').groups[0]!.rules.find(
      (r) => r.alert === 'HighLatency' && r.labels?.severity === 'warning',
    );
    expect(warning?.for).toBe('15m');
  });

  it('derives burn factors from each SLO’s own period (28d and 7d here)', () => {
    const pageFactors = (p: string) =>
      yaml<RuleDoc>(p)
        .groups.flatMap((g) => g.rules)
        .filter((r) => r.alert && r.labels?.severity === 'page')
        .map((r) => r.labels!.long_window);
    expect(pageFactors('rules/catalog-slo.yml')).toEqual(['1h', '6h']);
    // 2 % of a 28d budget in 1h is a 13.44× burn; at 99.5 % that is an error ratio above 0.0672.
    expect(files.get('rules/catalog-slo.yml')!).toContain('slo:error_ratio:rate1h{service="catalog",slo="availability"} > 0.0672 and');
    // Below 28d the 1h page keeps its 28d factor, 13.44× (8 % of a 7d budget); at 99 % an error ratio above 0.1344.
    expect(files.get('rules/checkout-slo.yml')!).toContain('slo:error_ratio:rate1h{service="checkout",slo="latency"} > 0.1344 and');
  });

  it('nests provisioned dashboards in their Grafana folders and labels Kubernetes objects as configured', () => {
    expect(files.has('provisioning/dashboards/Shop/Catalog/catalog-overview.json')).toBe(true);
    const rule = yaml<{ metadata: { namespace: string; labels: Record<string, string> } }>('kubernetes/prometheusrules/checkout-slo.yaml');
    expect(rule.metadata.namespace).toBe('shop-monitoring');
    expect(rule.metadata.labels.prometheus).toBe('shop');
  });

  it('validates clean, promtool and amtool included', async () => {
    ensurePromTools();
    const { stdout } = await dac('validate');
    expect(stdout).toMatch(/valid: 0 warnings; promtool \S+ \(.+\) and amtool \S+ \(.+\) passed their checks./);
  });
});
