/**
 * A corpus of hostile inputs, each a whole project run through `dac build` as a user runs it: every
 * field of the built-in config given a value of the wrong type, definition modules that return or do
 * the wrong thing, SLO specs that are not what they claim. Each must end in located findings
 * (exit 1) or a usage/environment error (exit 2) with a fix; none may print a stack trace, be
 * accepted, print a finding twice, or change out/.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import builtinConfig from '../dac.config.js';
import { repoRoot } from '../tools/project-copy.js';
import { fixedCases, type HostileCase, makeProject, paths, setAt, tempParent, wrongTypes } from './hostile/cases.js';

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = path.join(sub, name);
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else
        out[rel] = createHash('sha256')
          .update(readFileSync(path.join(dir, rel)))
          .digest('hex');
    }
  };
  walk('');
  return out;
}

/** The config as plain data: what a user writes in dac.config.ts. */
const base = JSON.parse(JSON.stringify(builtinConfig)) as Record<string, unknown>;

const parent = tempParent();
const cases: (HostileCase & { outBefore: Record<string, string> })[] = [];
for (const at of paths(base)) {
  const current = at.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], base);
  for (const wrong of wrongTypes(current)) {
    const dir = makeProject(repoRoot, parent, { config: setAt(base, at, wrong) });
    const shown = wrong && typeof wrong === 'object' && 'text' in wrong ? (wrong as { text: string }).text : JSON.stringify(wrong);
    cases.push({ name: `config ${at.join('.')} = ${shown}`, dir, args: ['build'], outBefore: digest(path.join(dir, 'out')) });
  }
}
for (const c of fixedCases(base)) {
  const dir = makeProject(repoRoot, parent, c.spec);
  cases.push({ name: c.name, dir, args: ['build'], ...(c.env ? { env: c.env } : {}), outBefore: digest(path.join(dir, 'out')) });
}

let results: { code: number; stdout: string; stderr: string }[] = [];
beforeAll(() => {
  const casesFile = path.join(parent, 'cases.json');
  const resultsFile = path.join(parent, 'results.json');
  writeFileSync(casesFile, JSON.stringify(cases.map(({ dir, args, env }) => ({ dir, args, env }))));
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/hostile/runner.ts'), casesFile, resultsFile], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 900_000,
  });
  if (run.status !== 0) throw new Error(`the corpus runner failed: ${run.stderr}`);
  results = JSON.parse(readFileSync(resultsFile, 'utf8')) as typeof results;
}, 900_000);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('hostile inputs', () => {
  it('the corpus holds at least 100 inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  cases.forEach((c, i) =>
    it(`${c.name}: refused with a located finding and a fix, out/ untouched`, () => {
      const r = results[i]!;
      expect(r.stderr).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
      expect([1, 2], r.stderr).toContain(r.code);
      expect(r.stderr).toMatch(/^error \S/m);
      expect(r.stderr).toContain('fix:');
      // Each finding once, and the count in the summary matches the findings printed.
      const blocks = r.stderr.split(/\n(?=error |warning )/).filter((b) => /^error /.test(b.trim()));
      expect(new Set(blocks.map((b) => b.trim())).size).toBe(blocks.length);
      const summary = /^(\d+) errors?;/m.exec(r.stderr);
      if (summary) expect(Number(summary[1])).toBe(blocks.length);
      expect(digest(path.join(c.dir, 'out'))).toEqual(c.outBefore);
    }),
  );
});
