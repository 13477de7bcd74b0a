/**
 * UTF-8 metric and label names: OpenTelemetry's dotted names, which Prometheus 3 stores unescaped
 * (OTLP with `NoUTF8EscapingWithSuffixes`) and reads only quoted, `{"http.server.request.duration_seconds_count",
 * "http.route"="/items"}`. With `minPrometheusVersion: 3` dac writes them so in every rule, test and
 * dashboard; with the default floor, Prometheus 2, it refuses them where the config names them,
 * because Prometheus 2.42 cannot parse the quoted form at all (proven below on its promtool).
 * The project is test/fixtures/otel-project: the semantic conventions' HTTP and database names.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readTree } from '../src/io/write.js';
import { parsePromql } from '../src/promql/index.js';
import { repoRoot } from '../tools/project-copy.js';
import { ensurePromTools, generations } from './setup/prom-tools.js';

const fixture = path.join(repoRoot, 'test/fixtures/otel-project');
const run = promisify(execFile);
const dac = (dir: string, ...args: string[]) =>
  run(process.execPath, [path.join(repoRoot, 'bin/dac.js'), '--dir', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
/** A tool's exit code and output, whatever the code. */
const tool = (bin: string, args: string[], cwd?: string) =>
  run(bin, args, { encoding: 'utf8', cwd }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

let out: string;
let files: Map<string, string>;
const ruleFiles = () => [...files.keys()].filter((p) => p.startsWith('rules/'));
const testFiles = () => [...files.keys()].filter((p) => p.startsWith('tests/'));

beforeAll(async () => {
  ensurePromTools();
  out = mkdtempSync(path.join(tmpdir(), 'dac-utf8-'));
  const built = await dac(fixture, 'build', '--out', out);
  expect(built.code, built.stdout + built.stderr).toBe(0);
  files = readTree(out);
}, 1_200_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

type RuleDoc = { groups: { rules: { alert?: string; record?: string; expr: string; annotations?: Record<string, string> }[] }[] };
const rules = () => ruleFiles().flatMap((p) => (parse(files.get(p)!) as RuleDoc).groups.flatMap((g) => g.rules));
const dashboardExprs = () =>
  [...files.entries()]
    .filter(([p]) => p.startsWith('dashboards/'))
    .flatMap(([, text]) => [...text.matchAll(/"expr": ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string));

describe('UTF-8 names with minPrometheusVersion: 3', () => {
  it('writes a UTF-8 metric name quoted first inside the braces, and UTF-8 label names quoted, in rules and dashboards', () => {
    const alerts = rules().filter((r) => r.alert === 'HighErrorRate');
    expect(alerts[0]!.expr).toContain(
      '{"http.server.request.duration_seconds_count",job="shop/checkout","deployment.environment.name"="production","http.response.status_code"=~"5.."}',
    );
    expect(rules().find((r) => r.alert === 'ServiceDown')!.expr).toBe(
      'up{job="shop/checkout","deployment.environment.name"="production"} == 0',
    );
    expect(dashboardExprs()).toContainEqual(
      expect.stringContaining('sum by (le, "http.route") (rate({"http.server.request.duration_seconds_bucket", job="$job"'),
    );
  });

  it('reads a UTF-8 label in an alert template with index, the form Go templates accept', () => {
    const slow = rules().find((r) => r.alert === 'SlowDatabaseQueries')!;
    expect(slow.expr).toContain('sum by (le, "db.operation.name")');
    expect(slow.annotations!.summary).toBe('Checkout database {{ (index $labels "db.operation.name") }} queries are slow');
  });

  it("leaves no UTF-8 name unquoted, and dac's own PromQL parser reads every expression", () => {
    const exprs = [...rules().map((r) => r.expr), ...dashboardExprs()];
    expect(exprs.length).toBeGreaterThan(30);
    for (const e of exprs) {
      expect(parsePromql(e).errors, e).toEqual([]);
      // Outside string literals, no dotted identifier remains.
      expect(e.replace(/"(?:[^"\\]|\\.)*"/g, '""'), e).not.toMatch(/[a-zA-Z_]\.[a-zA-Z_]/);
    }
  });

  it('passes promtool 3 check rules --lint=all --lint-fatal and its unit tests, whose series are written quoted too', async () => {
    const promtool3 = generations()[1]!.promtool;
    for (const f of ruleFiles()) {
      const r = await tool(promtool3, ['check', 'rules', '--lint=all', '--lint-fatal', path.join(out, f)]);
      expect(r.code, r.out).toBe(0);
    }
    expect(files.get('tests/checkout-alerts.test.yml')).toContain(`'{"http.server.request.duration_seconds_count",job="shop/checkout"`);
    for (const f of testFiles()) {
      const r = await tool(promtool3, ['test', 'rules', path.join(out, f)]);
      expect(r.code, r.out).toBe(0);
    }
  }, 300_000);

  it('fires the built alerts on quoted-name series in a hand-written promtool 3 test, labels and template included', async () => {
    const promtool3 = generations()[1]!.promtool;
    // Five slow queries a second of one operation, all above 0.25 s: p99 lands in the (0.5, 1] bucket.
    const series = (le: string) =>
      `{"db.client.operation.duration_seconds_bucket",job="shop/checkout","deployment.environment.name"="production",instance="10.1.2.3:9464","db.operation.name"="SELECT",le="${le}"}`;
    const input = ['0.001', '0.005', '0.01', '0.05', '0.1', '0.5']
      .map((le) => ({ series: series(le), values: '0x40' }))
      .concat(['1', '5', '10', '+Inf'].map((le) => ({ series: series(le), values: '0+300x40' })));
    const test = {
      rule_files: [path.join(out, 'rules/checkout-alerts.yml')],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: input,
          alert_rule_test: [
            {
              eval_time: '20m',
              alertname: 'SlowDatabaseQueries',
              exp_alerts: [
                {
                  exp_labels: { 'db.operation.name': 'SELECT', service: 'checkout', severity: 'warning' },
                  exp_annotations: Object.fromEntries(
                    Object.entries(rules().find((r) => r.alert === 'SlowDatabaseQueries')!.annotations!).map(([k, v]) => [
                      k,
                      v.replace('{{ (index $labels "db.operation.name") }}', 'SELECT').replace('{{ $value | humanizeDuration }}', '995ms'),
                    ]),
                  ),
                },
              ],
            },
          ],
        },
      ],
    };
    const file = path.join(out, 'quoted.test.yml');
    writeFileSync(file, JSON.stringify(test, null, 2));
    const r = await tool(promtool3, ['test', 'rules', file]);
    expect(r.code, r.out).toBe(0);
  }, 120_000);

  it('is refused by promtool 2.42, which cannot parse the quoted form: the reason the 2.x floor refuses these names', async () => {
    const promtool2 = generations()[0]!.promtool;
    const r = await tool(promtool2, ['check', 'rules', path.join(out, 'rules/checkout-alerts.yml')]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/unexpected string "\\"http\.serv"\.\.\. in label matching/);
  }, 120_000);
});

/** A project folder of its own that imports this checkout as `dac`. */
function projectDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dac-utf8-floor2-'));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(repoRoot, path.join(dir, 'node_modules/dac'), 'dir');
  return dir;
}

describe('UTF-8 names with the default floor, Prometheus 2', () => {
  it('refuses each UTF-8 name where the config gives it, with the two ways out', async () => {
    const dir = projectDir();
    try {
      const config = readFileSync(path.join(fixture, 'dac.config.ts'), 'utf8');
      expect(config).toContain('  minPrometheusVersion: 3,\n');
      writeFileSync(path.join(dir, 'dac.config.ts'), config.replace('  minPrometheusVersion: 3,\n', ''));
      const r = await dac(dir, 'build');
      expect(r.code).not.toBe(0);
      const text = r.stdout + r.stderr;
      expect(text).toContain('dac.config.ts › service checkout › selector.matchers.deployment.environment.name');
      expect(text).toContain(
        '"deployment.environment.name" is a UTF-8 label name, which only Prometheus 3 reads (quoted); the configured floor is Prometheus 2 (minPrometheusVersion)',
      );
      expect(text).toContain('set minPrometheusVersion: 3 in dac.config.ts');
      expect(text).toContain('use the name it stores instead: deployment_environment_name');
      expect(text).toContain('dac.config.ts › service checkout › profile.http.duration');
      expect(text).toContain('dac.config.ts › service checkout › database.operationLabel');
      expect(text).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a quoted UTF-8 name a rule module writes itself, at the rule and column', async () => {
    const dir = projectDir();
    try {
      writeFileSync(
        path.join(dir, 'dac.config.ts'),
        "import { defineConfig } from 'dac';\nexport default defineConfig({ services: [{ name: 'api', title: 'API', selector: { job: 'api' }, profile: 'generic' }] });\n",
      );
      mkdirSync(path.join(dir, 'rules'));
      writeFileSync(
        path.join(dir, 'rules/routes.ts'),
        [
          "import { defineRules } from 'dac';",
          'export default defineRules({',
          "  id: 'routes',",
          '  build: ({ service }) => [{ name: `${service.name}-routes`, rules: [',
          '    { record: \'route:http_requests:rate5m\', expr: \'sum by ("http.route") (rate(http_requests_total{job="api"}[5m]))\' },',
          '  ] }],',
          '});',
          '',
        ].join('\n'),
      );
      const r = await dac(dir, 'build');
      expect(r.code).not.toBe(0);
      const text = r.stdout + r.stderr;
      expect(text).toMatch(/out\/rules\/api-routes\.yml:\d+ › group api-routes › record route:http_requests:rate5m › expr, col \d+/);
      expect(text).toContain(
        '"http.route" is a UTF-8 label name, which only Prometheus 3 reads (quoted); the configured floor is Prometheus 2 (minPrometheusVersion) [promql/utf8-name]',
      );
      expect(text).toContain('set minPrometheusVersion: 3 in the config');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
