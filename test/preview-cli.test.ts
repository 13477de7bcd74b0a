/**
 * `dac preview --serve` and `--changed-since`, run as a user runs them: the real `dac` binary in a
 * throwaway copy of the project, over real HTTP and a real git repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { copyProject, repoRoot, type ProjectCopy } from '../tools/project-copy.js';
import { startProcess, type ManagedProcess } from '../tools/stack/process.js';
import { waitUntil } from '../tools/stack/wait.js';

let project: ProjectCopy | undefined;
let server: ManagedProcess | undefined;
let logDir: string | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
  project?.remove();
  project = undefined;
  if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
  logDir = undefined;
});

/** Replaces one exact piece of a definition file, failing loudly if the file changed shape. */
function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
}

/** The panel titles of a preview page, as its <h2> headings show them. */
const titles = (html: string): string[] => [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]!);

async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** Listens to the page's live-reload stream; `reloads` counts the reload events received. */
function listen(url: string): { reloads: () => number; close: () => void } {
  let count = 0;
  const req = http.get(url, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      count += chunk.split('event: reload').length - 1;
    });
  });
  req.on('error', () => undefined);
  return { reloads: () => count, close: () => req.destroy() };
}

describe('dac preview --serve', () => {
  it('serves the pages on loopback and reloads them with the new definition when a dashboard changes', async () => {
    project = copyProject('dac-serve-');
    logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dac-serve-log-'));
    server = startProcess({
      name: 'dac-preview-serve',
      command: process.execPath,
      args: [path.join(project.dir, 'bin/dac.js'), 'preview', '--serve', '--port', '0', '--out-dir', 'preview'],
      cwd: project.dir,
      logDir,
      maxLifetimeSec: 240,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const log = () => fs.readFileSync(server!.logFile, 'utf8');
    let base = '';
    await waitUntil(
      'dac preview --serve to say where it serves',
      async () => {
        base = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log())?.[1] ?? '';
        return base !== '';
      },
      { timeoutMs: 120_000, process: server },
    );

    const index = await get(base);
    expect(index.status).toBe(200);
    expect(index.type).toContain('text/html');
    expect(index.body).toContain('href="items-api-business.html"');
    const before = await get(`${base}items-api-business.html`);
    expect(titles(before.body)).toContain('Operation mix');
    expect(before.body).toContain('/__dac/events');
    expect((await get(`${base}../package.json`)).status).toBe(404);

    const events = listen(`${base}__dac/events`);
    try {
      // Let the stream connect before the change, as an open page would be.
      await new Promise((resolve) => setTimeout(resolve, 500));
      edit(path.join(project.dir, 'dashboards/business.ts'), "title: 'Operation mix'", "title: 'Operation mix this week'");
      await waitUntil('a reload event after the edit', async () => events.reloads() > 0, { timeoutMs: 120_000, process: server });
    } finally {
      events.close();
    }
    const after = await get(`${base}items-api-business.html`);
    expect(titles(after.body)).toContain('Operation mix this week');
    expect(titles(after.body)).not.toContain('Operation mix');
    expect(log()).toContain('dashboards/business.ts');

    const exit = await server.stop();
    expect(exit.signal ?? exit.code).not.toBe('SIGKILL');
    await expect(get(base)).rejects.toThrow();
  }, 300_000);
});

describe('dac preview --changed-since', () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=dac test', '-c', 'user.email=dac@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('renders before/ and after/ pages of the one dashboard a change touches, and nothing else', () => {
    project = copyProject('dac-changed-');
    const dir = project.dir;
    expect(project.dac('build').code).toBe(0);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\nshots/\n');
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'dashboards as built');

    const unchanged = project.dac('preview', '--changed-since', 'HEAD', '--out-dir', 'shots');
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toContain('no dashboard changed since HEAD');

    // An uncommitted edit of one definition: the pull request under review.
    edit(path.join(dir, 'dashboards/database.ts'), "'Mean query time'", "'Mean time per query'");
    const run = project.dac('preview', '--changed-since', 'HEAD', '--out-dir', 'shots');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^modified\s+items-api-database$/m);
    expect(run.stdout).toContain('1 changed dashboard(s)');

    const shots = path.join(dir, 'shots');
    expect(fs.readdirSync(path.join(shots, 'before')).sort()).toEqual(['index.html', 'items-api-database.html']);
    expect(fs.readdirSync(path.join(shots, 'after')).sort()).toEqual(['index.html', 'items-api-database.html']);
    const before = fs.readFileSync(path.join(shots, 'before', 'items-api-database.html'), 'utf8');
    const after = fs.readFileSync(path.join(shots, 'after', 'items-api-database.html'), 'utf8');
    expect(titles(before)).toContain('Mean query time');
    expect(titles(before)).not.toContain('Mean time per query');
    expect(titles(after)).toContain('Mean time per query');
    expect(titles(after)).not.toContain('Mean query time');
  }, 240_000);
});

describe('dac preview --from/--to', () => {
  const dac = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/dac.js'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('shows every dashboard over the range given instead of its own, as Grafana’s from/to URL parameters do', () => {
    logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dac-preview-range-'));
    const run = dac('preview', '--from', 'now-15m', '--at', '2025-01-01T12:00:00Z', '--out-dir', logDir);
    expect(run.code).toBe(0);
    const page = fs.readFileSync(path.join(logDir, 'items-api-http-overview.html'), 'utf8');
    expect(page).toContain('>now-15m to now</span>');
    expect(page).toContain('title="2025-01-01T11:45:00.000Z – 2025-01-01T12:00:00.000Z"');
  }, 120_000);

  it('refuses a bound Grafana would not read, before running anything', () => {
    const run = dac('preview', '--from', 'yesterday-ish', '--out-dir', path.join(os.tmpdir(), 'dac-never-written'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--from must be now, now-<duration> (e.g. now-15m), an ISO date or epoch milliseconds, got "yesterday-ish"',
    );
    expect(fs.existsSync(path.join(os.tmpdir(), 'dac-never-written'))).toBe(false);
  }, 120_000);
});
