/**
 * out/kubernetes/prometheusrules/ as the Prometheus Operator receives it. Each PrometheusRule dac
 * writes is decoded by test/setup/go/operator-check, built from the operator's own Apache-2.0 Go
 * types (github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring v0.95.2), with the
 * API server's strict field validation: an unknown or repeated field is refused, by its path. Its
 * rule groups then get the operator's checks before it writes a Prometheus rule file: the CRD's
 * duration patterns, the fields the operator drops for an older Prometheus, its size limit, and
 * Prometheus's rulefmt parser with the name validation the operator picks for the Prometheus
 * version (see the program's header for why it repeats the operator's function rather than calling it).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '../src/io/write.js';
import { repoRoot } from '../tools/project-copy.js';

const run = promisify(execFile);
let operatorCheck: string;
let work: string;

/** `dac build` of a project into a folder of its own; returns the PrometheusRule files' paths. */
async function build(project: string, name: string): Promise<string[]> {
  const out = path.join(work, name);
  await run(process.execPath, [path.join(repoRoot, 'bin/dac.js'), '--dir', project, 'build', '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return [...readTree(out).keys()]
    .filter((p) => p.startsWith('kubernetes/prometheusrules/'))
    .sort()
    .map((p) => path.join(out, p));
}

/** operator-check's lines and exit code. */
async function check(files: string[], prometheusVersion = '2.42.0') {
  try {
    const r = await run(operatorCheck, ['-prometheus-version', prometheusVersion, ...files], { encoding: 'utf8' });
    return { code: 0, lines: r.stdout.trim().split('\n') };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, lines: `${err.stdout}${err.stderr}`.trim().split('\n') };
  }
}

let itemsApi: string[];
let shop: string[];

beforeAll(async () => {
  // Built into ~/.cache/dac/operator-check-<hash>/ once (about a minute and a half on 2 cores).
  operatorCheck = execFileSync('bash', [path.join(repoRoot, 'test/setup/build-go-tool.sh'), 'operator-check'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  work = mkdtempSync(path.join(tmpdir(), 'dac-operator-'));
  itemsApi = await build(repoRoot, 'items-api');
  shop = await build(path.join(repoRoot, 'examples/shop'), 'shop');
}, 1_200_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('PrometheusRule objects as the Prometheus Operator reads them', () => {
  it('decodes every PrometheusRule of the Items API and the shop strictly and accepts their rule groups for Prometheus 2.42', async () => {
    const files = [...itemsApi, ...shop];
    expect(itemsApi.length).toBeGreaterThanOrEqual(4);
    expect(shop.length).toBeGreaterThanOrEqual(2);
    const r = await check(files);
    expect(r.code, r.lines.join('\n')).toBe(0);
    // One "ok" a file, with its groups and rules counted; nothing the operator would drop or refuse.
    expect(r.lines).toHaveLength(files.length);
    for (const [i, line] of r.lines.entries()) expect(line).toMatch(new RegExp(`^ok ${files[i]}: [1-9]\\d* groups, [1-9]\\d* rules$`));
  });

  it('accepts them for Prometheus 3 too', async () => {
    const r = await check([...itemsApi, ...shop], '3.16.0');
    expect(r.code, r.lines.join('\n')).toBe(0);
  });

  describe('the decoder is strict, so a clean result means something', () => {
    const variant = (name: string, edit: (text: string) => string) => {
      const text = readFileSync(itemsApi[0]!, 'utf8');
      const changed = edit(text);
      expect(changed).not.toBe(text);
      const file = path.join(work, `${name}.yaml`);
      writeFileSync(file, changed);
      return file;
    };

    it('refuses an unknown field and names its path', async () => {
      // `severity` one level too high: a rule's labels mistaken for a rule field.
      const file = variant('unknown-field', (t) =>
        t.replace(/^(\s+)- alert: ServiceDown\n/m, '$1- alert: ServiceDown\n$1  severity: critical\n'),
      );
      const r = await check([file]);
      expect(r.code).toBe(1);
      expect(r.lines).toContainEqual(`error ${file}: unknown field "spec.groups[0].rules[0].severity"`);
    });

    it('refuses a field of the wrong type and names it', async () => {
      const file = variant('wrong-type', (t) => t.replace(/^(\s+)for: 1m$/m, '$1for: 60'));
      const r = await check([file]);
      expect(r.code).toBe(1);
      expect(r.lines.join('\n')).toMatch(
        /^error .*wrong-type\.yaml: .*cannot unmarshal number into Go struct field Rule\.spec\.groups\.rules\.for of type v1\.Duration/m,
      );
    });

    it('refuses a field given twice', async () => {
      const file = variant('duplicate', (t) => t.replace(/^(\s+)for: 1m$/m, '$1for: 1m\n$1for: 2m'));
      const r = await check([file]);
      expect(r.code).toBe(1);
      expect(r.lines.join('\n')).toMatch(/^error .*duplicate\.yaml: .*"for" already set in map/m);
    });

    it('refuses a duration outside the CRD pattern, as the API server does', async () => {
      const file = variant('bad-duration', (t) => t.replace(/^(\s+)for: 1m$/m, '$1for: 1 minute'));
      const r = await check([file]);
      expect(r.code).toBe(1);
      expect(r.lines).toContainEqual(`error ${file}: spec.groups[0].rules[0].for: "1 minute" is not a duration such as 30s, 5m or 1h30m`);
    });

    it('refuses an expression Prometheus cannot parse, as the operator does before writing the rule file', async () => {
      const file = variant('bad-expr', (t) => t.replace(/expr: up\{/, 'expr: up{{'));
      const r = await check([file]);
      expect(r.code).toBe(1);
      expect(r.lines.join('\n')).toMatch(/group "items-api-alerts", rule 1, "ServiceDown": could not parse expression/);
    });
  });

  it('accepts the quoted UTF-8 names of a minPrometheusVersion: 3 project, whatever the Prometheus version it is told', async () => {
    const otel = await build(path.join(repoRoot, 'test/fixtures/otel-project'), 'otel');
    expect(otel.length).toBeGreaterThan(0);
    const three = await check(otel, '3.0.0');
    expect(three.code, three.lines.join('\n')).toBe(0);
    // For a Prometheus 2 the operator applies legacy name validation to rule names and labels
    // only, not inside expressions: it would hand these files to a Prometheus 2.42 that cannot
    // parse them (see utf8-names.test.ts). dac's refusal of UTF-8 names under a 2.x floor is the guard.
    const two = await check(otel, '2.42.0');
    expect(two.code, two.lines.join('\n')).toBe(0);
  });
});
