/** `dac init` gives a new project that builds and validates at once, for any built-in profile. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readTree } from '../src/io/write.js';
import { repoRoot } from '../tools/project-copy.js';
import { ensurePromTools } from './setup/prom-tools.js';

const run = promisify(execFile);
const dirs: string[] = [];

/** A folder where `dac` resolves as an installed package would. */
function newProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dac-init-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(repoRoot, path.join(dir, 'node_modules/dac'), 'dir');
  return dir;
}
const dac = (cwd: string, ...args: string[]) =>
  run(process.execPath, [path.join(cwd, 'node_modules/dac/bin/dac.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('dac init', () => {
  it('writes a config and the built-in definitions importing dac, which build and validate clean', async () => {
    ensurePromTools();
    const dir = newProject();
    const { stdout } = await dac(
      dir,
      'init',
      '--name',
      'orders',
      '--title',
      'Orders API',
      '--job',
      'orders',
      '--profile',
      'flask-exporter',
    );
    expect(stdout).toContain('dac.config.ts');
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))).toMatchObject({
      type: 'module',
      scripts: { build: 'dac build' },
    });
    const http = readFileSync(path.join(dir, 'dashboards/http-overview.ts'), 'utf8');
    expect(http).toContain("from 'dac'");
    expect(http).not.toContain('../src/');
    await dac(dir, 'build');
    const out = readTree(path.join(dir, 'out'));
    expect([...out.keys()].filter((p) => p.startsWith('dashboards/')).sort()).toEqual([
      'dashboards/orders-http-overview.json',
      'dashboards/orders-red.json',
      'dashboards/orders-slo.json',
    ]);
    expect(out.get('rules/orders-alerts.yml')).toContain('flask_http_request_duration_seconds_count{job="orders"');
    const { stdout: verdict } = await dac(dir, 'validate');
    expect(verdict).toMatch(/valid: 0 warnings; promtool \S+ \(.+\) and amtool \S+ \(.+\) passed their checks./);
  });

  it('refuses to overwrite an existing project unless told to', async () => {
    const dir = newProject();
    await dac(dir, 'init', '--name', 'orders');
    const err = (await dac(dir, 'init', '--name', 'orders').catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('dac.config.ts');
    expect(err.stderr).toContain('pass --force to overwrite');
    await expect(dac(dir, 'init', '--name', 'orders', '--force')).resolves.toBeTruthy();
  });

  it('explains a bad service name or profile', async () => {
    const dir = newProject();
    const bad = (await dac(dir, 'init', '--name', 'Orders API').catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be 1-24 lower-case letters, digits and dashes');
    const profile = (await dac(dir, 'init', '--name', 'orders', '--profile', 'django').catch((e: unknown) => e)) as { stderr: string };
    expect(profile.stderr).toContain('is not one of fastapi-instrumentator, flask-exporter, generic');
  });
});
