/**
 * A newcomer's first hour, by the README's "Starting a project of your own" alone: an empty folder,
 * `npm init -y`, dac installed from its packed tarball (what a registry would serve), `npx dac init`,
 * then the npm scripts init wrote. The project must build, type-check under the strictest compiler
 * flags and validate clean, with no step the README does not name.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '../src/io/write.js';
import { repoRoot } from '../tools/project-copy.js';
import { ensurePromTools } from './setup/prom-tools.js';

const run = promisify(execFile);
const env = { ...process.env, NO_COLOR: '1' };
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<
  string,
  Record<string, string> | undefined
>;
/** The TypeScript dac itself is checked with, so that npm's cache serves it. */
const typescript = manifest.dependencies?.typescript ?? manifest.devDependencies?.typescript ?? 'latest';
let work: string;
let tarball: string;
let project: string;

type Failed = { code: number; stdout: string; stderr: string };
const sh = (cwd: string, cmd: string, ...args: string[]) => run(cmd, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'dac-newcomer-'));
  await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: repoRoot, timeout: 240_000 });
  tarball = path.join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  project = path.join(work, 'orders-monitoring');
  mkdirSync(project);
  // The README's steps, in its order. --prefer-offline: npm's cache where it can, else the registry.
  await sh(project, 'npm', 'init', '-y');
  await sh(project, 'npm', 'install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', tarball, `typescript@${typescript}`);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a new project by the README alone', () => {
  it('`npx dac init` over the package.json of `npm init -y` makes an ES module project with its scripts, config and CI', async () => {
    const before = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(before.type).toBe('commonjs'); // what npm writes: the case init must handle

    const { stdout } = await sh(
      project,
      'npx',
      '--no-install',
      'dac',
      'init',
      '--name',
      'orders',
      '--title',
      'Orders API',
      '--job',
      'orders',
    );
    expect(stdout).toContain('changed "type": "commonjs" to "module"');
    expect(stdout).not.toContain('not installed');

    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      type: 'module',
      scripts: { build: 'dac build', validate: 'dac validate', check: 'tsc --noEmit && dac build --check && dac validate' },
      devDependencies: { dac: expect.any(String), typescript: expect.any(String) },
    });
    const tsconfig = JSON.parse(readFileSync(path.join(project, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true });
    expect(readFileSync(path.join(project, '.gitignore'), 'utf8')).toContain('node_modules/');
    expect(readFileSync(path.join(project, '.github/workflows/dac.yml'), 'utf8')).toContain('npm run check');
    const config = readFileSync(path.join(project, 'dac.config.ts'), 'utf8');
    expect(config).toContain('alerting: {');
    expect(config).toContain("apiUrlFile: '/etc/alertmanager/secrets/slack-webhook-url'");
  });

  it('`npm run build` writes out/ with the dashboards, rules, their tests and the Alertmanager config routed to the team', async () => {
    await sh(project, 'npm', 'run', 'build');
    const out = readTree(path.join(project, 'out'));
    expect([...out.keys()].filter((p) => p.startsWith('dashboards/')).sort()).toEqual([
      'dashboards/orders-http-overview.json',
      'dashboards/orders-red.json',
      'dashboards/orders-slo.json',
    ]);
    expect(out.has('rules/orders-alerts.yml')).toBe(true);
    expect(out.has('tests/orders-alerts.test.yml')).toBe(true);
    expect(out.get('alertmanager/alertmanager.yml')).toContain('api_url_file: /etc/alertmanager/secrets/slack-webhook-url');
  });

  it('the definitions type-check under strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess without compiling dac', async () => {
    const { stdout } = await sh(project, 'npx', '--no-install', 'tsc', '--noEmit', '--listFilesOnly');
    const files = stdout.split('\n').filter(Boolean);
    // dac reaches the user's compiler as declarations: its own sources are never type-checked there.
    expect(files.some((f) => f.includes('node_modules/dac/dist/') && f.endsWith('.d.ts'))).toBe(true);
    expect(files.filter((f) => f.includes('node_modules/dac/') && f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    await expect(sh(project, 'npx', '--no-install', 'tsc', '--noEmit')).resolves.toBeTruthy();
  });

  it('`npm run check` (tsc, out/ current, dac validate with promtool and amtool) passes on the fresh project', async () => {
    ensurePromTools();
    const { stdout } = await sh(project, 'npm', 'run', 'check');
    expect(stdout).toContain('out/ is current');
    expect(stdout).toContain('valid: 0 warnings');
  });

  it("the README's custom profile and `standardAlerts` examples type-check in the project", async () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n(\/\/ (\S+)\n[\s\S]*?)```/g)];
    const profile = blocks.find((b) => b[2] === 'dac.config.ts' && b[1]!.includes('defineProfile('));
    const alerts = blocks.find((b) => b[2] === 'rules/alerts.ts' && b[1]!.includes('standardAlerts('));
    expect(profile).toBeDefined();
    expect(alerts).toBeDefined();
    const dir = path.join(project, 'readme-examples');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'profile.ts'), profile![1]!);
    writeFileSync(path.join(dir, 'alerts.ts'), alerts![1]!);
    writeFileSync(path.join(project, 'tsconfig.readme.json'), JSON.stringify({ extends: './tsconfig.json', include: ['readme-examples'] }));
    try {
      await expect(sh(project, 'npx', '--no-install', 'tsc', '--noEmit', '-p', 'tsconfig.readme.json')).resolves.toBeTruthy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(path.join(project, 'tsconfig.readme.json'));
    }
  });

  it('a type mistake in a definition fails `tsc` at its line', async () => {
    const file = path.join(project, 'dashboards/typo.ts');
    writeFileSync(
      file,
      "import { defineDashboard } from 'dac';\nimport { serviceDashboard } from 'dac/dashboards';\nexport default defineDashboard({ id: 'typo', titel: 'Typo', build: (ctx) => serviceDashboard(ctx, {}) });\n",
    );
    try {
      const err = (await sh(project, 'npx', '--no-install', 'tsc', '--noEmit').catch((e: unknown) => e)) as Failed;
      expect(err.code).toBe(2);
      expect(err.stdout).toContain('dashboards/typo.ts(3,');
      expect(err.stdout).toContain("'titel' does not exist");
    } finally {
      rmSync(file);
    }
  });
});

describe('dac init in a folder with no package.json', () => {
  it('writes one and says how to install dac, rather than leaving a build that cannot load a module', async () => {
    const bare = path.join(work, 'bare');
    mkdirSync(bare);
    const { stdout } = await run(process.execPath, [path.join(project, 'node_modules/dac/bin/dac.js'), 'init', '--name', 'orders'], {
      cwd: bare,
      env,
      encoding: 'utf8',
    });
    expect(JSON.parse(readFileSync(path.join(bare, 'package.json'), 'utf8'))).toMatchObject({
      type: 'module',
      scripts: { build: 'dac build' },
    });
    expect(stdout).toContain('dac is not installed in this project');
    expect(stdout).toMatch(/npm install --save-dev \S+ typescript/);
  });
});

describe('dac --help', () => {
  it('lists each command with the description its own help gives', async () => {
    const dac = path.join(project, 'node_modules/dac/bin/dac.js');
    const { stdout: top } = await run(process.execPath, [dac, '--help'], { env: { ...env, COLUMNS: '1000' }, encoding: 'utf8' });
    for (const command of ['init', 'build', 'validate', 'diff', 'push', 'preview']) {
      const { stdout } = await run(process.execPath, [dac, command, '--help'], { env: { ...env, COLUMNS: '1000' }, encoding: 'utf8' });
      const description = stdout.split('\n\n')[1]!.trim();
      expect(top).toContain(`${command} `);
      expect(top.replace(/\s+/g, ' ')).toContain(description.replace(/\s+/g, ' '));
    }
  });
});
