/**
 * dac as a user gets it: packed with `npm pack`, installed into a project of their own (from npm's
 * cache where it can, else the registry), run with `npx dac`. The same definitions must give the
 * same bytes as in this repository.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '../src/io/write.js';
import { repoRoot } from '../tools/project-copy.js';

const run = promisify(execFile);
let work: string;
let project: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'dac-installed-'));
  await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: repoRoot });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  project = path.join(work, 'shop');
  cpSync(path.join(repoRoot, 'examples/shop'), project, { recursive: true });
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'shop-monitoring', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(work, tarball)], {
    cwd: project,
    timeout: 240_000,
  });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('dac installed as a package', () => {
  it('builds a user project with `npx dac build`, byte-identical to the build inside this repository', async () => {
    await run('npx', ['--no-install', 'dac', 'build'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    const expected = path.join(work, 'expected');
    await run(process.execPath, [
      path.join(repoRoot, 'bin/dac.js'),
      '--dir',
      path.join(repoRoot, 'examples/shop'),
      'build',
      '--out',
      expected,
    ]);
    const installed = readTree(path.join(project, 'out'));
    expect(installed.size).toBeGreaterThan(20);
    expect(installed).toEqual(readTree(expected));
  });

  it('reports a broken definition with its location, not a stack trace', async () => {
    writeFileSync(
      path.join(project, 'dashboards/broken.ts'),
      "import { defineDashboard } from 'dac';\nexport default defineDashboard({ id: 'Broken Id', title: 'x', build: () => { throw new Error('nope'); } });\n",
    );
    const err = (await run('npx', ['--no-install', 'dac', 'build'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } }).catch(
      (e: unknown) => e,
    )) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('dashboards/broken.ts');
    expect(err.stderr).toContain('id "Broken Id" must be lower-case letters, digits and dashes');
    expect(err.stderr).not.toMatch(/^\s+at /m);
  });
});
