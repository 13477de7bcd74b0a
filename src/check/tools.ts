/**
 * Tier 2: the real tools have the last word. The emitted files are written to a scratch folder
 * (same layout as out/, so test files find their rule files) and checked one by one with
 * `promtool check rules --lint=all --lint-fatal`, `promtool test rules` and `amtool check-config`;
 * what the tools print becomes findings on the out/ path, with the line when the tool gives one.
 * A missing tool is an error of its own (the caller exits 2), never a silent pass.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkConfig, findAmtool } from './amtool.js';
import { checkRules, findPromtool, summarizeTestFailures, testFileProblems, testRules, toolVersion, type ToolResult } from './promtool.js';
import { DacError, type Diagnostic } from '../core/diagnostic.js';

export interface ToolRun {
  diagnostics: Diagnostic[];
  /** Tools that could not be found: their diagnostics say how to install them. */
  missing: Diagnostic[];
  /** The binaries that ran, and the release each says it is: 2.x and 3.x promtools differ. */
  used: UsedTool[];
}

export interface UsedTool {
  tool: 'promtool' | 'amtool';
  path: string;
  /** As the binary prints it (`2.42.0+ds`, `3.16.0`); undefined when it prints none. */
  version?: string;
}

export interface ToolChoice {
  /** Binaries named by the user; otherwise DAC_PROMTOOL / DAC_AMTOOL, then PATH. */
  promtool?: string;
  amtool?: string;
}

const isRuleFile = (p: string) => p.startsWith('rules/') && /\.ya?ml$/.test(p);
const isTestFile = (p: string) => p.startsWith('tests/') && /\.test\.ya?ml$/.test(p);
const ALERTMANAGER = 'alertmanager/alertmanager.yml';

/** Runs the tools over an in-memory out/ tree (paths relative to out/). */
/** `onProgress` hears of each file the tools have finished with, for a progress line on a terminal. */
export async function runTools(
  files: ReadonlyMap<string, string>,
  choice: ToolChoice = {},
  onProgress?: (done: number, total: number) => void,
): Promise<ToolRun> {
  const missing: Diagnostic[] = [];
  const locate = (find: () => string): string | undefined => {
    try {
      return find();
    } catch (err) {
      if (err instanceof DacError) {
        missing.push(...err.diagnostics);
        return undefined;
      }
      throw err;
    }
  };
  const paths = [...files.keys()].sort();
  const needsPromtool = paths.some((p) => isRuleFile(p) || isTestFile(p));
  const needsAmtool = files.has(ALERTMANAGER);
  const promtool = needsPromtool ? locate(() => findPromtool(process.env, choice.promtool)) : undefined;
  const amtool = needsAmtool ? locate(() => findAmtool(process.env, choice.amtool)) : undefined;
  const used: UsedTool[] = [];
  for (const [tool, p] of [
    ['promtool', promtool],
    ['amtool', amtool],
  ] as const) {
    if (p === undefined) continue;
    const version = await toolVersion(p);
    used.push({ tool, path: p, ...(version ? { version } : {}) });
  }

  const scratch = mkdtempSync(path.join(tmpdir(), 'dac-validate-'));
  const diagnostics: Diagnostic[] = [];
  try {
    for (const [p, text] of files) {
      const target = path.join(scratch, p);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const cwd = scratch;
    const total = (promtool ? paths.filter((p) => isRuleFile(p) || isTestFile(p)).length : 0) + (amtool ? 1 : 0);
    let done = 0;
    const tick = () => onProgress?.(++done, total);
    if (promtool) {
      for (const p of paths.filter(isRuleFile)) {
        diagnostics.push(...toFindings('tool/promtool-check', p, await checkRules([p], { cwd, promtool })));
        tick();
      }
      for (const p of paths.filter(isTestFile)) {
        diagnostics.push(...(await testFileProblems(path.join(scratch, p), `out/${p}`)));
        const result = await testRules([p], { cwd, promtool });
        const failed = result.code === 0 ? undefined : summarizeTestFailures(`${result.stdout}\n${result.stderr}`);
        if (result.code !== 0 && cannotReadNativeSeries(files.get(p) ?? '', result))
          diagnostics.push({
            severity: 'warning',
            check: 'tool/promtool-native-histograms',
            where: { file: `out/${p}`, path: [] },
            message: `promtool ${used.find((u) => u.tool === 'promtool')?.version ?? '(version not reported)'} cannot read the native-histogram input series ({{schema:… buckets:[…]}}) of this test file, so its tests did not run`,
            hint: 'run dac validate with a Prometheus 3 promtool (--promtool PATH or DAC_PROMTOOL); `check rules` still ran on every rule file',
          });
        else if (failed)
          for (const f of failed)
            diagnostics.push({
              severity: 'error',
              check: 'tool/promtool-test',
              where: { file: `out/${p}`, path: [`alert ${f.alert}`] },
              message: f.sentence,
              hint: 'the rule and its test disagree: give both the same options (one `overrides`), or fix the threshold, `for` or annotation',
            });
        else diagnostics.push(...toFindings('tool/promtool-test', p, result));
        tick();
      }
    }
    if (amtool) {
      diagnostics.push(...toFindings('tool/amtool', ALERTMANAGER, await checkConfig(ALERTMANAGER, { cwd, amtool })));
      tick();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { diagnostics, missing, used };
}

/**
 * Promtool 2.42 (Debian's, the floor) stops at the first `{{` of the native-histogram series
 * notation: "parse error: unexpected character in series sequence: '{'". Only that failure, on a
 * file that uses the notation, is this; any other failure is reported as it is.
 */
function cannotReadNativeSeries(text: string, result: ToolResult): boolean {
  return text.includes('{{schema:') && /unexpected character in series sequence: '\{'/.test(`${result.stdout}\n${result.stderr}`);
}

/** `promtool 3.16.0 (/usr/local/bin/promtool)`: what a report says ran. */
export function describeTool(t: UsedTool): string {
  return `${t.tool} ${t.version ?? '(version not reported)'} (${t.path})`;
}

/** promtool's `file: line:col: message` lines become located findings; anything else one finding per file. */
export function toFindings(check: string, file: string, result: ToolResult): Diagnostic[] {
  if (result.code === 0) return [];
  const where = { file: `out/${file}`, path: [] as string[] };
  const located: Diagnostic[] = [];
  const rest: string[] = [];
  const text = `${result.stdout}\n${result.stderr}`;
  const prefix = new RegExp(`^${escapeRegex(file)}:\\s*(\\d+):(\\d+):\\s*(.*)$`);
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const m = prefix.exec(line.trim());
    if (m) {
      located.push({ severity: 'error', check, where: { ...where, line: Number(m[1]), path: objectPath(m[3]!) }, message: m[3]! });
      continue;
    }
    const t = line.trim();
    if (t === '' || /^(Checking|Unit Testing:)/.test(t) || /^(FAILED|SUCCESS)/.test(t) || /^amtool: error: failed to validate/.test(t)) {
      // Progress lines; the amtool one repeats what its FAILED line said.
      if (/FAILED:\s*\S/.test(t)) rest.push(t.replace(/^.*FAILED:\s*/, ''));
      continue;
    }
    rest.push(t.startsWith(`${file}: `) ? t.slice(file.length + 2) : t);
  }
  if (rest.length > 0 || located.length === 0) {
    located.push({
      severity: 'error',
      check,
      where,
      message: rest.length > 0 ? rest.join('\n  ') : `exited with code ${result.code}`,
    });
  }
  return located;
}

/** `group "g", rule 1, "Foo": …` → the rule's name as an object path. */
function objectPath(message: string): string[] {
  const m = /group "([^"]*)", rule \d+, "([^"]*)"/.exec(message);
  return m ? [`group ${m[1]}`, `rule ${m[2]}`] : [];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
