/**
 * Runs promtool on emitted rule and test files: Debian's 2.42 is the floor, and any 3.x works too.
 * The binary is an explicit path (`dac validate --promtool`), `DAC_PROMTOOL`, or the first on PATH;
 * a missing binary is a located DacError that says how to install it, never an ENOENT stack.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { DacError } from '../core/diagnostic.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { PromtoolTestFile, RuleFile } from '../rules/model.js';
import { isAlert } from '../rules/model.js';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ToolSpec {
  /** Executable name looked up on PATH. */
  binary: string;
  /** Environment variable that may hold an explicit path. */
  envVar: string;
  /** Debian package that ships it. */
  debianPackage: string;
  /** The command-line option of `dac validate` that names it. */
  option: string;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of a tool, or a DacError telling the user how to get it. */
export function findBinary(spec: ToolSpec, env: NodeJS.ProcessEnv = process.env, given?: string): string {
  if (given) {
    if (executable(given)) return given;
    throw missing(spec, `${spec.option} ${given} is not an executable file`);
  }
  const explicit = env[spec.envVar];
  if (explicit) {
    if (executable(explicit)) return explicit;
    throw missing(spec, `${spec.envVar}=${explicit} is not an executable file`);
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, spec.binary);
    if (executable(candidate)) return candidate;
  }
  throw missing(spec, `${spec.binary} was not found on PATH`);
}

function missing(spec: ToolSpec, message: string): DacError {
  return new DacError([
    {
      severity: 'error',
      check: `deliver/${spec.binary}`,
      where: { file: spec.binary, path: [] },
      message,
      hint: `install it with apt-get install ${spec.debianPackage} (Debian/Ubuntu), or name the binary with ${spec.option} or ${spec.envVar}`,
    },
  ]);
}

/** Run a binary with arguments, collecting its output; never rejects on a non-zero exit. */
export function runTool(binary: string, args: readonly string[], options: { cwd?: string } = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * The release a Prometheus-project binary says it is (`promtool, version 2.42.0+ds (branch: …)` →
 * `2.42.0+ds`), or undefined when it does not say.
 */
export async function toolVersion(binary: string): Promise<string | undefined> {
  const result = await runTool(binary, ['--version']);
  return /\bversion (\S+)/.exec(`${result.stdout}\n${result.stderr}`)?.[1];
}

export const PROMTOOL: ToolSpec = { binary: 'promtool', envVar: 'DAC_PROMTOOL', debianPackage: 'prometheus', option: '--promtool' };

export function findPromtool(env?: NodeJS.ProcessEnv, given?: string): string {
  return findBinary(PROMTOOL, env, given);
}

export interface PromtoolOptions {
  cwd?: string;
  /** This binary rather than the one findPromtool finds. */
  promtool?: string;
}

/** `promtool check rules --lint=all --lint-fatal` over rule files. */
export async function checkRules(files: readonly string[], options: PromtoolOptions & { lint?: boolean } = {}): Promise<ToolResult> {
  const lint = options.lint === false ? ['--lint=none'] : ['--lint=all', '--lint-fatal'];
  return runTool(options.promtool ?? findPromtool(), ['check', 'rules', ...lint, ...files], options);
}

/** `promtool test rules` over promtool unit-test files. */
export async function testRules(files: readonly string[], options: PromtoolOptions = {}): Promise<ToolResult> {
  return runTool(options.promtool ?? findPromtool(), ['test', 'rules', ...files], options);
}

/**
 * What promtool does not check: it passes a test whose `alertname` no rule defines (it expects no
 * alerts, finds none, and calls that success) and skips nothing loudly. Every rule file a test file
 * names must exist, and every alertname it tests must be defined in them.
 */
export async function testFileProblems(testFile: string, displayName = testFile): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  const at = (path: string[], message: string, hint?: string) =>
    problems.push({
      severity: 'error',
      check: 'promtool/test-file',
      where: { file: displayName, path },
      message,
      ...(hint ? { hint } : {}),
    });
  const doc = parse(await readFile(testFile, 'utf8')) as Partial<PromtoolTestFile> | null;
  const ruleFiles = doc?.rule_files ?? [];
  if (ruleFiles.length === 0) at(['rule_files'], 'names no rule file', 'list the rule files under test');
  const alertNames = new Set<string>();
  for (const rf of ruleFiles) {
    const file = path.resolve(path.dirname(testFile), rf);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      at(['rule_files', rf], `rule file ${rf} does not exist`, 'promtool would report it, but only if it is run on this file');
      continue;
    }
    const rules = parse(text) as RuleFile | null;
    for (const g of rules?.groups ?? []) for (const r of g.rules ?? []) if (isAlert(r)) alertNames.add(r.alert);
  }
  (doc?.tests ?? []).forEach((t, i) => {
    for (const c of t.alert_rule_test ?? [])
      if (!alertNames.has(c.alertname))
        at(
          [`test ${t.name ?? `#${i + 1}`}`, `alertname ${c.alertname}`],
          `no rule file of this test defines alert ${c.alertname}`,
          'promtool passes such a test silently; fix the alert name or the rule_files list',
        );
  });
  return problems;
}

interface FiredAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function labelSet(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

function firedAlerts(block: string): FiredAlert[] {
  return [...block.matchAll(/Labels:\{(.*)\}\s*\n\s*Annotations:\{(.*)\}/g)].map((m) => ({
    labels: labelSet(m[1]!),
    annotations: labelSet(m[2]!),
  }));
}

const showLabels = (labels: Record<string, string>) =>
  `{${Object.entries(labels)
    .filter(([k]) => k !== 'alertname')
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;

/**
 * `promtool test rules` prints every failed alert case as its expected and received alerts in full
 * (150 lines for a handful of cases). Each becomes one sentence: which alert, at what eval time,
 * what was expected and what came. Undefined when the output holds no alert case (a parse error or
 * an expression test), which is then reported as promtool wrote it.
 */
export function summarizeTestFailures(output: string): { alert: string; sentence: string }[] | undefined {
  const cases = [
    ...output.matchAll(
      /(?:name: (.*),\n\s*)?alertname: (\S+), time: (\S+?),\s*\n\s*exp:\[([\s\S]*?)\],?\s*\n\s*got:\[([\s\S]*?)\]\s*(?:\n\s*\n|$)/g,
    ),
  ];
  if (cases.length === 0) return undefined;
  return cases.map((m) => {
    const [, name, alert, time, expText, gotText] = m as unknown as [string, string | undefined, string, string, string, string];
    const expected = firedAlerts(expText);
    const got = firedAlerts(gotText);
    const key = (a: FiredAlert) => showLabels(a.labels);
    const parts: string[] = [];
    for (const e of expected) {
      const match = got.find((g) => key(g) === key(e));
      if (!match) parts.push(`expected it to fire with ${key(e)}, but it did not`);
      else
        for (const [k, v] of Object.entries(e.annotations))
          if (match.annotations[k] !== v) parts.push(`annotation ${k} is "${match.annotations[k] ?? ''}", expected "${v}"`);
    }
    for (const g of got)
      if (!expected.some((e) => key(e) === key(g))) parts.push(`it fired with ${key(g)}, which the test does not expect`);
    if (expected.length === 0 && got.length > 0 && parts.length === 0) parts.push('it fired, but the test expects it quiet');
    const test = name ? ` in test "${name}"` : '';
    return { alert, sentence: `alert ${alert} at ${time}${test}: ${parts.join('; ') || 'expected and received alerts differ'}` };
  });
}
