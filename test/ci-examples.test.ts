/**
 * examples/ci/: the GitHub Actions workflow and the pre-commit hook a project copies, run for real
 * in a new project made as the README says (dac installed from its packed tarball, `dac init`).
 * Not through GitHub: every `run:` line of the workflow, in order, with bash as a runner runs it;
 * its `uses:` steps (checkout, setup-node, the SARIF upload) are GitHub's own and are not run here.
 * The hook runs as git runs it, on `git commit`.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../tools/project-copy.js';
import { ensurePromTools } from './setup/prom-tools.js';

const run = promisify(execFile);
// What a runner has: no colour forced either way, git able to commit.
const env = {
  ...process.env,
  NO_COLOR: undefined,
  FORCE_COLOR: undefined,
  GIT_AUTHOR_NAME: 'dac test',
  GIT_AUTHOR_EMAIL: 'dac-test@example.com',
  GIT_COMMITTER_NAME: 'dac test',
  GIT_COMMITTER_EMAIL: 'dac-test@example.com',
};
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<
  string,
  Record<string, string> | undefined
>;
const typescript = manifest.dependencies?.typescript ?? 'latest';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command line as GitHub's runner runs a `run:` step without `shell:` on Linux: `bash -e`. */
const bash = (cwd: string, line: string): Promise<Outcome> =>
  run('bash', ['--noprofile', '--norc', '-e', '-c', line], { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 }).then(
    (ok) => ({ code: 0, ...ok }),
    (err: Outcome) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );

let work: string;
let project: string;

beforeAll(async () => {
  ensurePromTools();
  work = mkdtempSync(path.join(tmpdir(), 'dac-ci-examples-'));
  await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: repoRoot, timeout: 300_000 });
  const tarball = path.join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  project = path.join(work, 'orders-monitoring');
  mkdirSync(project);
  for (const line of [
    'npm init -y',
    `npm install --save-dev --prefer-offline --no-audit --no-fund ${tarball} typescript@${typescript}`,
    'npx --no-install dac init --name orders --title "Orders API" --job orders',
    'npx --no-install dac build',
    'git init -q -b main && git add -A && git commit -q -m "monitoring for orders"',
  ]) {
    const r = await bash(project, line);
    if (r.code !== 0) throw new Error(`${line} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}, 900_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('examples/ci/github-workflow.yml', () => {
  const workflow = parse(readFileSync(path.join(repoRoot, 'examples/ci/github-workflow.yml'), 'utf8')) as {
    jobs: Record<string, { steps: { run?: string; uses?: string }[] }>;
  };
  const lines = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run.trim()] : [])));

  it('runs on a fresh project: every run line, in order, exits 0, and the SARIF file is written', async () => {
    expect(lines).toContain('npx dac validate --format github');
    for (const line of lines) {
      const r = await bash(project, line);
      expect(r.code, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
    const sarif = JSON.parse(readFileSync(path.join(project, 'dac.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toEqual([]);
    rmSync(path.join(project, 'dac.sarif'));
  }, 900_000);

  it('fails its validate step on a misspelt metric, with an ::error annotation GitHub shows on the pull request', async () => {
    const file = path.join(project, 'rules/typo.ts');
    writeFileSync(
      file,
      `import { defineRules } from 'dac';\nexport default defineRules({\n  id: 'typo',\n  build: ({ service }) => [{ name: \`\${service.name}-typo\`, rules: [{ record: 'job:typo:rate5m', expr: 'sum(rate(http_request_total[5m]))' }] }],\n});\n`,
    );
    try {
      const step = lines.find((l) => l.includes('--format github'))!;
      const r = await bash(project, step);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^::error file=[^,]*typo[^,]*,line=\d+,title=dac promql\/unknown-metric::/m);
    } finally {
      rmSync(file);
    }
  }, 300_000);
});

describe('examples/ci/pre-commit', () => {
  /** A dashboard `dac init` writes and every service gets. */
  const dashboard = () => path.join(project, 'dashboards/red.ts');
  const head = async () => (await bash(project, 'git rev-parse HEAD')).stdout.trim();

  beforeAll(() => {
    const hook = path.join(project, '.git/hooks/pre-commit');
    copyFileSync(path.join(repoRoot, 'examples/ci/pre-commit'), hook);
    chmodSync(hook, 0o755);
  });

  it('refuses a commit of a changed definition whose out/ was not rebuilt, and says why', async () => {
    const before = await head();
    const file = dashboard();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("title: 'RED Metrics'");
    writeFileSync(file, text.replace("title: 'RED Metrics'", "title: 'RED Metrics (edited)'"));
    const r = await bash(project, 'git add -A && git commit -q -m "edit a dashboard"');
    expect(r.code, `${file}\n${r.stdout}\n${r.stderr}`).not.toBe(0);
    // git passes a hook's output to stderr.
    expect(r.stderr).toMatch(/out\/ is stale: \d+ file\(s\) differ/);
    expect(await head()).toBe(before);
  }, 300_000);

  it('lets the same commit through once out/ is rebuilt', async () => {
    const before = await head();
    const r = await bash(project, 'npx --no-install dac build && git add -A && git commit -q -m "edit a dashboard"');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(await head()).not.toBe(before);
  }, 300_000);

  it('stays out of the way of a commit that touches neither the definitions nor out/', async () => {
    writeFileSync(path.join(project, 'NOTES.md'), 'notes\n');
    const r = await bash(project, 'git add NOTES.md && git commit -q -m notes');
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(existsSync(path.join(project, 'NOTES.md'))).toBe(true);
  }, 120_000);
});
