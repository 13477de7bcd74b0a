/**
 * promtool and amtool for the test suite, in both generations users run: Debian's (Prometheus 2.42,
 * Alertmanager 0.25: the floor, installed from the prometheus and prometheus-alertmanager packages)
 * and 3.x (built from the Prometheus and Alertmanager Go modules into ~/.cache/dac by
 * build-prom3.sh). Each is installed only when missing; runs once per test file that needs them.
 *
 * checkRules and testRules here run every rule file on both promtools. A file one generation
 * accepts and the other refuses is a difference in what the generator writes, so it fails the
 * test with both outputs rather than passing on whichever tool happened to be found.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AMTOOL } from '../../src/check/amtool.js';
import {
  checkRules as checkRulesWith,
  findBinary,
  PROMTOOL,
  testRules as testRulesWith,
  type PromtoolOptions,
  type ToolResult,
} from '../../src/check/promtool.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ensureApt = path.join(here, '../../examples/items-api/scripts/ensure-apt.sh');
const buildProm3 = path.join(here, 'build-prom3.sh');

export interface Generation {
  /** `2.42 (Debian)` or `3.16 (built)`: what a failure names. */
  name: string;
  promtool: string;
  amtool: string;
}

/** Debian's promtool and amtool, installed when missing. */
export function ensurePromTools(): void {
  try {
    // The floor is Debian's, wherever PATH points: look in the packages' folder only.
    findBinary(PROMTOOL, { PATH: '/usr/bin' });
    findBinary(AMTOOL, { PATH: '/usr/bin' });
  } catch {
    execFileSync('bash', [ensureApt, PROMTOOL.debianPackage, AMTOOL.debianPackage], { stdio: 'inherit' });
  }
  ensureProm3();
}

let prom3: { prometheusDir: string; alertmanagerDir: string } | undefined;

/** The 3.x binaries' folders, building them first when the cache lacks them (about 10 minutes). */
export function ensureProm3(): { prometheusDir: string; alertmanagerDir: string } {
  if (!prom3) {
    const [prometheusDir, alertmanagerDir] = execFileSync('bash', [buildProm3, '--print-dirs'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n');
    prom3 = { prometheusDir: prometheusDir!, alertmanagerDir: alertmanagerDir! };
  }
  return prom3;
}

/** The floor first, then 3.x. */
export function generations(): Generation[] {
  const { prometheusDir, alertmanagerDir } = ensureProm3();
  return [
    { name: '2.42 (Debian)', promtool: '/usr/bin/promtool', amtool: '/usr/bin/amtool' },
    {
      name: `${path.basename(prometheusDir).replace(/^prometheus-/, '')} (built)`,
      promtool: path.join(prometheusDir, 'promtool'),
      amtool: path.join(alertmanagerDir, 'amtool'),
    },
  ];
}

async function onEveryGeneration(
  run: (promtool: string) => Promise<ToolResult>,
  what: string,
  among: readonly Generation[] = generations(),
): Promise<ToolResult> {
  const results: Array<[Generation, ToolResult]> = [];
  for (const g of among) results.push([g, await run(g.promtool)]);
  const [[, floor]] = results as [[Generation, ToolResult]];
  const disagreeing = results.filter(([, r]) => (r.code === 0) !== (floor.code === 0));
  if (disagreeing.length > 0) {
    const report = results.map(([g, r]) => `promtool ${g.name} exited ${r.code}:\n${r.stdout}${r.stderr}`).join('\n');
    throw new Error(`promtool generations disagree on ${what}:\n${report}`);
  }
  // Both agree; the floor's words are the ones the assertions were written against.
  return floor;
}

/** `promtool check rules --lint=all --lint-fatal` on 2.42 and on 3.x; they must agree. */
export function checkRules(files: readonly string[], options: PromtoolOptions & { lint?: boolean } = {}): Promise<ToolResult> {
  return onEveryGeneration((promtool) => checkRulesWith(files, { ...options, promtool }), `check rules ${files.join(' ')}`);
}

/**
 * Whether a promtool test file feeds native histograms (`{{schema:… buckets:[…]}}`). Promtool
 * 2.42 cannot parse that notation — it stops with "parse error: unexpected character in series
 * sequence: '{'" (test/native-histograms.test.ts shows it) — so such files are unit-tested on 3.x
 * only; their rule files are still checked on both.
 */
export function feedsNativeHistograms(testFile: string, cwd = '.'): boolean {
  return readFileSync(path.resolve(cwd, testFile), 'utf8').includes('{{schema:');
}

/** `promtool test rules` on 2.42 and on 3.x; they must agree. Files with native-histogram input: on 3.x only. */
export function testRules(files: readonly string[], options: PromtoolOptions = {}): Promise<ToolResult> {
  const native = files.some((f) => feedsNativeHistograms(f, options.cwd));
  const among = native ? generations().slice(1) : generations();
  return onEveryGeneration((promtool) => testRulesWith(files, { ...options, promtool }), `test rules ${files.join(' ')}`, among);
}
