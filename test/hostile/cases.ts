/**
 * Hostile inputs, each a whole project on disk: the built-in config with one field given the wrong
 * type, definition modules that return or do the wrong thing, SLO specs that are not what they
 * claim, names the file system allows and dac cannot use. Every one must end in located findings
 * (exit 1) or a usage/environment error (exit 2), never a stack trace, and never touch out/.
 */
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface HostileCase {
  name: string;
  dir: string;
  args: string[];
  env?: Record<string, string>;
}

/** A value written into a module as raw JavaScript (NaN, undefined, a function). */
export class Raw {
  constructor(readonly text: string) {}
}

function literal(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${literal(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}

/** Every path to a value in `value`, containers included, outermost first. */
export function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const found: (string | number)[][] = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => found.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) found.push(...paths(v, [...prefix, k]));
  return found;
}

export function setAt(value: unknown, at: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at[at.length - 1]!] = replacement;
  return copy;
}

/** Values of the wrong type for what stands at a path now. */
export function wrongTypes(current: unknown): unknown[] {
  if (typeof current === 'string') return [42, ['x'], null];
  if (typeof current === 'number') return ['fast', [1], new Raw('NaN')];
  if (typeof current === 'boolean') return ['yes'];
  if (Array.isArray(current)) return ['x', 7, { a: 1 }];
  if (current !== null && typeof current === 'object') return ['x', 7, []];
  return [];
}

export interface ProjectFiles {
  /** The config object (written through defineConfig) or raw module text. */
  config: unknown;
  /** Extra or replacing modules: relative path → text. */
  files?: Record<string, string | Buffer>;
  /** Leave the built-in dashboards and rules out. */
  bare?: boolean;
}

/**
 * A project folder whose modules import dac from this repository by absolute path; the built-in
 * dashboards and rules are linked in, and out/ holds a marked tree the test checks stays as it was.
 */
export function makeProject(repoRoot: string, parent: string, spec: ProjectFiles): string {
  const dir = mkdtempSync(path.join(parent, 'p-'));
  const api = path.join(repoRoot, 'src/index.ts');
  const configText =
    typeof spec.config === 'string'
      ? spec.config.replaceAll('DAC_API', api)
      : `import { defineConfig } from ${JSON.stringify(api)};\nexport default defineConfig(${literal(spec.config)});\n`;
  writeFileSync(path.join(dir, 'dac.config.ts'), configText);
  mkdirSync(path.join(dir, 'dashboards'));
  mkdirSync(path.join(dir, 'rules'));
  if (!spec.bare) {
    for (const name of readdirSync(path.join(repoRoot, 'dashboards')).filter((n) => n.endsWith('.ts')))
      symlinkSync(path.join(repoRoot, 'dashboards', name), path.join(dir, 'dashboards', name));
    for (const name of readdirSync(path.join(repoRoot, 'rules')).filter((n) => n.endsWith('.ts')))
      symlinkSync(path.join(repoRoot, 'rules', name), path.join(dir, 'rules', name));
  }
  for (const [rel, text] of Object.entries(spec.files ?? {})) {
    if (rel.startsWith('latin1:')) {
      // A name whose bytes are not UTF-8, as an old archive or a Windows share may leave behind.
      mkdirSync(path.join(dir, 'rules/slo'), { recursive: true });
      writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(rel.slice('latin1:'.length), 'latin1')]), text);
      continue;
    }
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof text === 'string' ? text.replaceAll('DAC_API', api) : text);
  }
  mkdirSync(path.join(dir, 'out/dashboards'), { recursive: true });
  writeFileSync(path.join(dir, 'out/dashboards/kept.json'), '{"title": "from an earlier build"}\n');
  writeFileSync(
    path.join(dir, 'out/.dac-output'),
    '# This folder is written by dac (`dac build`) and replaced as a whole on every build.\n# dac refuses to replace a folder that holds files not listed below. Do not edit.\ndashboards/kept.json\n',
  );
  return dir;
}

export const tempParent = () => mkdtempSync(path.join(tmpdir(), 'dac-hostile-'));

const rulesModule = (body: string) =>
  `import { defineRules } from 'DAC_API';\nexport default defineRules({ id: 'bad', build() { ${body} } });\n`;
const dashboardModule = (body: string) =>
  `import { defineDashboard } from 'DAC_API';\nexport default defineDashboard({ id: 'bad', title: 'Bad', build() { ${body} } });\n`;

/** Hand-written hostile cases beyond the config mutations: modules, specs, file names. */
export function fixedCases(config: unknown): { name: string; spec: ProjectFiles; env?: Record<string, string> }[] {
  const withFiles = (files: Record<string, string | Buffer>) => ({ config, files });
  const aliasBomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    'version: prometheus/v1',
    'service: items-api',
    'slos: *g',
  ].join('\n');
  const slothSpec = (description: string) =>
    [
      'version: prometheus/v1',
      'service: items-api',
      'slos:',
      '  - name: reads',
      '    objective: 99.5',
      `    description: "${description}"`,
      '    sli:',
      '      events:',
      '        error_query: sum(rate(http_requests_total{job="fastapi",status=~"5.."}[{{.window}}]))',
      '        total_query: sum(rate(http_requests_total{job="fastapi"}[{{.window}}]))',
      '    alerting:',
      '      name: ReadsBurn',
      '',
    ].join('\n');
  return [
    { name: 'an alert without expr', spec: withFiles({ 'rules/bad.ts': rulesModule("return [{ name: 'g', rules: [{ alert: 'A' }] }];") }) },
    {
      name: 'an alert whose expr is a number',
      spec: withFiles({ 'rules/bad.ts': rulesModule("return [{ name: 'g', rules: [{ alert: 'A', expr: 1 }] }];") }),
    },
    {
      name: 'a rule with neither alert nor record',
      spec: withFiles({ 'rules/bad.ts': rulesModule("return [{ name: 'g', rules: [{ expr: 'up' }] }];") }),
    },
    {
      name: 'a label value that is a number',
      spec: withFiles({
        'rules/bad.ts': rulesModule("return [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', labels: { severity: 2 } }] }];"),
      }),
    },
    {
      name: 'for given as a number',
      spec: withFiles({ 'rules/bad.ts': rulesModule("return [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', for: 300 }] }];") }),
    },
    { name: 'rule build() returning { groups }', spec: withFiles({ 'rules/bad.ts': rulesModule('return { groups: [] };') }) },
    { name: 'rule build() returning undefined', spec: withFiles({ 'rules/bad.ts': rulesModule('return undefined;') }) },
    { name: 'rule build() returning a Promise', spec: withFiles({ 'rules/bad.ts': rulesModule('return Promise.resolve([]);') }) },
    { name: 'rule build() returning a string', spec: withFiles({ 'rules/bad.ts': rulesModule("return 'groups';") }) },
    { name: 'a group without rules', spec: withFiles({ 'rules/bad.ts': rulesModule("return [{ name: 'g' }];") }) },
    { name: 'a group without a name', spec: withFiles({ 'rules/bad.ts': rulesModule('return [{ rules: [] }];') }) },
    { name: 'rule build() throwing', spec: withFiles({ 'rules/bad.ts': rulesModule("throw new Error('boom');") }) },
    {
      name: 'tests() returning an object',
      spec: withFiles({
        'rules/bad.ts': `import { defineRules } from 'DAC_API';\nexport default defineRules({ id: 'bad', build() { return []; }, tests() { return {}; } });\n`,
      }),
    },
    { name: 'dashboard build() returning undefined', spec: withFiles({ 'dashboards/bad.ts': dashboardModule('return undefined;') }) },
    {
      name: 'dashboard build() returning a Promise',
      spec: withFiles({ 'dashboards/bad.ts': dashboardModule('return Promise.resolve({});') }),
    },
    { name: 'dashboard build() returning a number', spec: withFiles({ 'dashboards/bad.ts': dashboardModule('return 5;') }) },
    {
      name: 'dashboard build() returning panels as a string',
      spec: withFiles({ 'dashboards/bad.ts': dashboardModule("return { title: 'x', panels: 'no' };") }),
    },
    {
      name: 'dashboard builder whose build() throws',
      spec: withFiles({ 'dashboards/bad.ts': dashboardModule("return { build() { throw new Error('nope'); } };") }),
    },
    { name: 'dashboard module exporting a number', spec: withFiles({ 'dashboards/bad.ts': 'export default 42;\n' }) },
    { name: 'dashboard module without a default export', spec: withFiles({ 'dashboards/bad.ts': 'export const x = 1;\n' }) },
    { name: 'a module with a syntax error', spec: withFiles({ 'dashboards/bad.ts': 'export default {{;\n' }) },
    { name: 'a module throwing at load', spec: withFiles({ 'rules/bad.ts': "throw new Error('cannot load');\n" }) },
    {
      name: 'a module importing a package that is not installed',
      spec: withFiles({ 'rules/bad.ts': "import x from 'no-such-package-dac';\nexport default x;\n" }),
    },
    {
      name: 'a module whose top-level await never settles',
      spec: withFiles({ 'rules/bad.ts': 'await new Promise(() => undefined);\nexport default 1;\n' }),
      env: { DAC_MODULE_TIMEOUT: '2' },
    },
    {
      name: 'two rule modules with one id',
      spec: withFiles({ 'rules/bad.ts': rulesModule('return [];'), 'rules/bad2.ts': rulesModule('return [];') }),
    },
    {
      name: 'a dashboard id with capitals',
      spec: withFiles({
        'dashboards/bad.ts': `import { defineDashboard } from 'DAC_API';\nexport default defineDashboard({ id: 'Bad', title: 'Bad', build() { return { title: 'x', panels: [] }; } });\n`,
      }),
    },
    {
      name: 'two dashboards with one title in one folder',
      spec: withFiles({
        'dashboards/zz-copy.ts': `import { defineDashboard } from 'DAC_API';\nexport default defineDashboard({ id: 'copy', title: 'HTTP Overview', build() { return { title: 'x', panels: [] }; } });\n`,
      }),
    },
    {
      name: 'an alert grouping by a label no metric has',
      spec: withFiles({
        'rules/bad.ts': rulesModule(
          "return [{ name: 'g', rules: [{ alert: 'A', expr: 'sum by (endpoint) (rate(http_requests_total[5m])) > 1', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } }] }];",
        ),
      }),
    },
    { name: 'the config exporting nothing', spec: { config: 'export const x = 1;\n' } },
    { name: 'the config exporting a string', spec: { config: "export default 'services';\n" } },
    { name: 'the config with an empty services list', spec: { config: { services: [] } } },
    { name: 'a YAML alias bomb in rules/slo/', spec: withFiles({ 'rules/slo/bomb.yml': aliasBomb }) },
    { name: 'invalid YAML in rules/slo/', spec: withFiles({ 'rules/slo/broken.yml': 'version: prometheus/v1\nslos: [\n' }) },
    {
      name: 'Latin-1 bytes in a Sloth spec',
      spec: withFiles({ 'rules/slo/latin1.yml': Buffer.from(slothSpec('Lectures réussies'), 'latin1') }),
    },
    { name: 'a spec that is a bare number', spec: withFiles({ 'rules/slo/number.yml': '42\n' }) },
    { name: 'a spec of an unknown format', spec: withFiles({ 'rules/slo/other.yml': 'apiVersion: example.com/v9\nkind: Thing\n' }) },
    { name: 'an empty spec file', spec: withFiles({ 'rules/slo/empty.yml': '' }) },
    { name: 'a Sloth spec for an objective over 100', spec: withFiles({ 'rules/slo/over.yml': slothSpec('x').replace('99.5', '100.5') }) },
    { name: 'a spec file name that is not UTF-8', spec: withFiles({ 'latin1:rules/slo/caf\xe9.yml': slothSpec('ok') }) },
  ];
}
