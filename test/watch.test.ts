/**
 * `dac watch` as a user runs it: a child process in a copy of the project, edited the way editors
 * save (write a temporary file, rename it over the original), stopped with Ctrl-C (SIGINT) by pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, type ProjectCopy } from '../tools/project-copy.js';

/** Polls `done` until it holds, or fails after `ms` saying what was awaited and what was seen. */
async function until(what: string, done: () => boolean, seen: () => string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; output so far:\n${seen()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Saves as many editors do: the new text into a temporary file beside it, renamed over the original. */
function saveLikeAnEditor(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}

const HELPER_DASHBOARD = `import { defineDashboard } from 'dac';
import { httpQueries, section, serviceDashboard, statPanel, trafficScale, Unit } from 'dac/dashboards';
import { NOTE } from './lib/note.js';

export default defineDashboard({
  id: 'notes',
  title: 'Notes',
  build(ctx) {
    const http = httpQueries(ctx.service);
    const dashboard = serviceDashboard(ctx, { description: NOTE });
    section(dashboard, 'Right now', [
      statPanel({
        title: 'Request rate',
        description: 'Requests per second, all handlers.',
        unit: Unit.requestsPerSecond,
        scale: trafficScale(ctx.service, 'req/s'),
        queries: [{ expr: http.requestRate(), legend: 'req/s' }],
      }),
    ]);
    return dashboard;
  },
});
`;

describe('dac watch', () => {
  let project: ProjectCopy;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let exit: { code: number | null; signal: string | null } | undefined;
  const seen = () => `--- stdout\n${stdout}--- stderr\n${stderr}`;
  const summaries = () => stdout.split('\n').filter((l) => /^\[\d\d:\d\d:\d\d\] /.test(l));
  const red = () => path.join(project.dir, 'dashboards/red.ts');
  const redJson = () => readFileSync(path.join(project.dir, 'out/dashboards/items-api-red.json'), 'utf8');
  let original: string;

  beforeAll(async () => {
    project = copyProject('dac-watch-');
    // A dashboard whose description comes from a helper module in a sub-folder.
    mkdirSync(path.join(project.dir, 'dashboards/lib'));
    writeFileSync(path.join(project.dir, 'dashboards/lib/note.ts'), "export const NOTE = 'Notes, first version.';\n");
    writeFileSync(path.join(project.dir, 'dashboards/notes.ts'), HELPER_DASHBOARD);
    original = readFileSync(red(), 'utf8');
    child = spawn(process.execPath, [path.join(project.dir, 'bin/dac.js'), 'watch'], {
      cwd: project.dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code, signal) => (exit = { code, signal }));
    await until('the first build', () => stdout.includes('watching'), seen, 180_000);
  });

  afterAll(() => {
    if (child && exit === undefined) child.kill('SIGKILL');
    project?.remove();
  });

  it('builds out/ once at the start and says it is watching', () => {
    expect(summaries()[0]).toMatch(/first build: 0 errors, \d+ warnings?; \d+ files of out written in \d+ ms/);
    expect(redJson()).toContain('"title": "Items API / RED Metrics"');
  });

  it('rebuilds out/ when a dashboard is saved, and names the file in a one-line summary', async () => {
    const before = project.outDigest();
    saveLikeAnEditor(red(), original.replace("title: 'RED Metrics'", "title: 'RED at a glance'"));
    await until('out/ to change', () => redJson().includes('RED at a glance'), seen);
    await until('the summary line', () => summaries().some((l) => l.includes('dashboards/red.ts: 0 errors')), seen);
    expect(summaries().at(-1)).toMatch(/dashboards\/red\.ts: 0 errors, \d+ warnings?; \d+ files? of out written in \d+ ms$/);
    const after = project.outDigest();
    // Only what the title reaches changed; every other dashboard and rule file is as it was.
    const changed = Object.keys(after).filter((p) => after[p] !== before[p]);
    expect(changed).toContain('dashboards/items-api-red.json');
    expect(changed.filter((p) => p.startsWith('rules/'))).toEqual([]);
  });

  it('prints a located error for a definition that throws, keeps out/ and keeps watching', async () => {
    const before = project.outDigest();
    saveLikeAnEditor(red(), `${original}\nthrow new Error('broken on purpose');\n`);
    await until('the error', () => stderr.includes('broken on purpose'), seen);
    await until('the summary line', () => summaries().some((l) => /dashboards\/red\.ts: 1 error, .*out\/ left unchanged/.test(l)), seen);
    expect(stderr).toMatch(
      /error dashboards\/red\.ts\n {2}the module failed to load: broken on purpose \(at .*dashboards\/red\.ts:\d+:\d+\)/,
    );
    expect(stderr).not.toMatch(/^\s+at .*node:internal/m);
    expect(project.outDigest()).toEqual(before);
    expect(exit).toBeUndefined();
  });

  it('recovers once the error is fixed', async () => {
    const count = summaries().length;
    saveLikeAnEditor(red(), original);
    await until('the rebuild', () => summaries().length > count && /0 errors/.test(summaries().at(-1)!), seen);
    expect(redJson()).toContain('"title": "Items API / RED Metrics"');
  });

  it('sees an edit to a helper module that a definition imports', async () => {
    const notes = () => readFileSync(path.join(project.dir, 'out/dashboards/items-api-notes.json'), 'utf8');
    expect(notes()).toContain('Notes, first version.');
    saveLikeAnEditor(path.join(project.dir, 'dashboards/lib/note.ts'), "export const NOTE = 'Notes, second version.';\n");
    await until('out/ to change', () => notes().includes('Notes, second version.'), seen);
  });

  it('rebuilds the rules of an SLO spec under rules/slo/ when it is saved', async () => {
    const spec = path.join(project.dir, 'rules/slo/items-api-reads.yml');
    const rules = () => readFileSync(path.join(project.dir, 'out/rules/slo-items-api-reads.yml'), 'utf8');
    const before = rules();
    const text = readFileSync(spec, 'utf8');
    expect(text).toContain('target: 0.999');
    saveLikeAnEditor(spec, text.replace('target: 0.999', 'target: 0.995'));
    await until('out/ to change', () => rules() !== before, seen);
    await until('the summary line', () => summaries().some((l) => l.includes('rules/slo/items-api-reads.yml: 0 errors')), seen);
  });

  it('stops on Ctrl-C with exit code 0', async () => {
    child.kill('SIGINT');
    await until('the exit', () => exit !== undefined, seen, 30_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stdout).toMatch(/stopped watching\.\n$/);
  });
});
