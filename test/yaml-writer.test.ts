import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate.js';
import { routeReceivers } from '../src/check/amtool.js';
import { checkRules, ensurePromTools, testRules } from './setup/prom-tools.js';
import { emitFiles } from '../src/emit/files.js';
import { ruleFileDocument, testFileDocument, testPathFor } from '../src/emit/rule-files.js';
import { BLANK_LINE, readsAsNonString, writeYaml } from '../src/emit/yaml-writer.js';
import { assembleModel } from '../src/model/assemble.js';
import { alertmanagerConfig } from '../src/rules/alertmanager.js';
import { repoRoot } from '../tools/project-copy.js';

/** What the `yaml` package writes with dac's options: the reference for everything YAML 1.2 agrees on. */
const library = (v: unknown) => stringify(v, { lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
const asYaml11 = (text: string) => parse(text, { version: '1.1' }) as unknown;

/** A seeded generator of documents full of the characters and words that make YAML quoting hard. */
function documents(seed: number, count: number): unknown[] {
  let state = seed;
  const rnd = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const pieces = [
    'a',
    ' ',
    '\n',
    '\t',
    ':',
    ': ',
    '#',
    ' #',
    '-',
    '- ',
    '?',
    '"',
    "'",
    '{',
    '}',
    '[',
    ']',
    ',',
    '&',
    '*',
    '!',
    '|',
    '>',
    '%',
    '@',
    '`',
    '.',
    '0',
    '7',
    'é',
    '—',
    '\u0001',
    '\u2028',
    '\\',
    '---',
    '...',
    'true',
    'null',
    '~',
    'on',
    'Off',
    'yes',
    'NO',
    'y',
    'n',
    '1e3',
    '0x1F',
    '0b11',
    '1_000',
    '12:30',
    '2024-01-31',
    '<<',
    '$value',
    '{{ $labels.job }}',
    '  ',
    '\n\n',
  ];
  const text = () => Array.from({ length: Math.floor(rnd() * 6) }, () => pick(pieces)).join('');
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.45) return text();
    if (r < 0.5) return pick([0, 1, -1, 0.5, 1e21, 1e-7, 123456789, 0.999]);
    if (r < 0.55) return pick([true, false, null]);
    if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 4); i > 0; i--) o[text()] = value(depth + 1);
    return o;
  };
  return Array.from({ length: count }, () => {
    const v = value(0);
    return typeof v === 'object' && v !== null ? v : { value: v, next: value(1) };
  });
}

/** Text the writer quotes or escapes on purpose where the yaml package does not (YAML 1.1 disagrees). */
const quotedOnPurpose = (s: string) => readsAsNonString(s) || (s.includes('\n') && BLANK_LINE.test(s)) || /[\u2028\u2029]/.test(s);

function hasQuotedOnPurpose(v: unknown): boolean {
  if (typeof v === 'string') return quotedOnPurpose(v);
  if (Array.isArray(v)) return v.some(hasQuotedOnPurpose);
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => quotedOnPurpose(k) || hasQuotedOnPurpose(x));
  return false;
}

/** A promtool test that `record` (a constant 1 in rules.yml) evaluates to one sample labelled `series`. */
function constantRuleTest(record: string, series: string) {
  return {
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        input_series: [],
        promql_expr_test: [{ expr: record, eval_time: '1m', exp_samples: [{ labels: series, value: 1 }] }],
      },
    ],
  };
}

describe('the YAML writer', () => {
  const docs = documents(20240131, 3000);

  it('writes text that YAML 1.2 and YAML 1.1 parsers both read back as the same data', () => {
    for (const doc of docs) {
      const text = writeYaml(doc);
      expect(parse(text), text).toEqual(doc);
      expect(asYaml11(text), text).toEqual(doc);
    }
  });

  it('writes exactly what the yaml package writes wherever YAML 1.1 and 1.2 agree', () => {
    const comparable = docs.filter((d) => !hasQuotedOnPurpose(d));
    expect(comparable.length).toBeGreaterThan(1000);
    for (const doc of comparable) expect(writeYaml(doc)).toBe(library(doc));
  });

  it('quotes words and numbers that YAML 1.1 (Go YAML v2, PyYAML) reads as booleans, numbers or dates', () => {
    const words = ['on', 'Off', 'YES', 'no', 'y', 'N', '0b101', '0o17', '1_000', '12:30', '2024-01-31', '<<', '.inf', 'null', '~', '0x1F'];
    const doc = { labels: Object.fromEntries(words.map((w) => [w, w])), list: words };
    const text = writeYaml(doc);
    for (const w of words) {
      expect(text).toContain(`"${w}": "${w}"`);
      expect(text).toContain(`- "${w}"`);
    }
    expect(asYaml11(text)).toEqual(doc);
    // Ordinary words stay plain.
    expect(writeYaml({ severity: 'critical', team: 'one', n1: 'yess' })).toBe('severity: critical\nteam: one\nn1: yess\n');
  });

  it('writes multi-line text as a literal block and keeps empty collections inline', () => {
    const doc = { annotations: { description: 'first line\nsecond line\n' }, tests: [], labels: {} };
    const text = writeYaml(doc);
    expect(text).toBe('annotations:\n  description: |\n    first line\n    second line\ntests: []\nlabels: {}\n');
    expect(parse(text)).toEqual(doc);
  });

  it('quotes multi-line text with a line of only blanks, which a block would lose', () => {
    const doc = { a: '  \n', b: 'x\n \ny' };
    expect(parse(library(doc))).not.toEqual(doc); // the yaml package's own output does not read back
    expect(parse(writeYaml(doc))).toEqual(doc);
  });
});

describe('emitted YAML files', () => {
  beforeAll(() => ensurePromTools());

  it('read back as the documents they were written from', async () => {
    const model = await assembleModel(repoRoot);
    const files = emitFiles(model);
    expect(model.ruleFiles.length).toBeGreaterThan(0);
    for (const f of model.ruleFiles) {
      expect(asYaml11(files.get(f.outPath)!)).toEqual(JSON.parse(JSON.stringify(ruleFileDocument(f))));
      if (f.tests.length > 0) expect(asYaml11(files.get(testPathFor(f))!)).toEqual(JSON.parse(JSON.stringify(testFileDocument(f))));
    }
    expect(asYaml11(files.get('alertmanager/alertmanager.yml')!)).toEqual(
      JSON.parse(JSON.stringify(alertmanagerConfig(model.services, model.alerting))),
    );
  });

  it('keep YAML 1.1 words as strings for promtool and amtool', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dac-yaml-'));
    const labels = { flag: 'on', answer: 'no', short: 'y', hex: '0x1F', count: '1_000', day: '2024-01-31', clock: '12:30' };
    const rules = path.join(dir, 'rules.yml');
    writeFileSync(rules, writeYaml({ groups: [{ name: 'words', rules: [{ record: 'job:words:const', expr: 'vector(1)', labels }] }] }));
    const series = `job:words:const{${Object.entries(labels)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ')}}`;
    const tests = path.join(dir, 'rules.test.yml');
    writeFileSync(tests, writeYaml(constantRuleTest('job:words:const', series)));
    const check = await checkRules([rules]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const test = await testRules([tests], { cwd: dir });
    expect(test.code, test.stdout + test.stderr).toBe(0);

    // Alertmanager: receivers named like YAML 1.1 booleans still route by name.
    const [service] = resolveConfig({ services: [{ name: 'on', title: 'On', selector: { job: 'yes' } }] }, 'dac.config.ts');
    const config = alertmanagerConfig([service!]) as { receivers: { name: string }[] };
    const am = path.join(dir, 'alertmanager.yml');
    writeFileSync(am, writeYaml(config));
    expect(await routeReceivers(am, { service: 'on', severity: 'critical', alertname: 'x' })).toEqual(['pager']);
    expect(asYaml11(readFileSync(am, 'utf8'))).toEqual(JSON.parse(JSON.stringify(config)));
  });

  it('keep line and paragraph separators inside a label for promtool, which reads raw ones as line breaks', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dac-yaml-'));
    const note = 'pasted\u2028from\u2029a document';
    writeFileSync(
      path.join(dir, 'rules.yml'),
      writeYaml({ groups: [{ name: 'separators', rules: [{ record: 'job:separators:const', expr: 'vector(1)', labels: { note } }] }] }),
    );
    const tests = path.join(dir, 'rules.test.yml');
    writeFileSync(
      tests,
      writeYaml(constantRuleTest('job:separators:const', 'job:separators:const{note="pasted\\u2028from\\u2029a document"}')),
    );
    const test = await testRules([tests], { cwd: dir });
    expect(test.code, test.stdout + test.stderr).toBe(0);
    expect(parse(readFileSync(path.join(dir, 'rules.yml'), 'utf8'))).toMatchObject({ groups: [{ rules: [{ labels: { note } }] }] });
  });
});
