/**
 * dac never loses a user's files: it only ever replaces a folder it wrote itself, a failed build
 * leaves the previous out/ whole, and a build killed at any instant leaves a tree the next run
 * completes. Disk faults are real ones where the machine allows it (tmpfs mounts as root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DacError } from '../src/core/diagnostic.js';
import { MARKER } from '../src/io/ownership.js';
import { readTree, recoverTree, writeTree, type WriteStep } from '../src/io/write.js';
import { copyProject, repoRoot, type ProjectCopy } from '../tools/project-copy.js';

const oldTree = () =>
  new Map([
    ['dashboards/a.json', '{\n  "title": "old"\n}\n'],
    ['rules/a.yml', 'groups: []\n'],
  ]);
const newTree = () =>
  new Map([
    ['dashboards/a.json', '{\n  "title": "new"\n}\n'],
    ['dashboards/b.json', '{\n  "title": "B"\n}\n'],
    ['rules/a.yml', 'groups: []\n'],
  ]);

/** sha256 of every file below `dir`, dotfiles and .git included: what "nothing was touched" means. */
function digestAll(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const e of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, e.name);
      if (e.name === 'node_modules') continue;
      if (e.isDirectory()) walk(rel);
      else if (e.isFile())
        out[rel] = createHash('sha256')
          .update(readFileSync(path.join(dir, rel)))
          .digest('hex');
    }
  };
  walk('');
  return out;
}

function thrown(fn: () => unknown): DacError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DacError) return err;
    throw err;
  }
  throw new Error('expected a DacError');
}

describe('dac build --out refuses any folder it did not create, and deletes nothing', () => {
  let project: ProjectCopy;
  beforeAll(() => {
    project = copyProject('dac-out-guard-');
    execFileSync('git', ['init', '-q'], { cwd: project.dir });
    writeFileSync(path.join(project.dir, 'notes.txt'), 'mine\n');
    mkdirSync(path.join(project.dir, 'docs'));
    writeFileSync(path.join(project.dir, 'docs', 'guide.md'), '# mine\n');
  });
  afterAll(() => project.remove());

  const cases: [string, RegExp][] = [
    ['.', /is the project folder itself/],
    ['..', /contains the project folder/],
    ['dashboards', /is the project's dashboards\/ folder/],
    ['rules', /is the project's rules\/ folder/],
    ['rules/slo', /is inside the project's rules\/ folder/],
    ['src', /is the project's src\/ folder/],
    ['.git', /is the project's \.git\/ folder/],
    ['docs', /not a dac output folder .* holds files this build would not write: guide\.md/],
  ];
  for (const [out, message] of cases)
    it(`--out ${out}: exit 2 with a located reason, every file of the project as it was`, () => {
      const before = digestAll(project.dir);
      const r = project.dac('build', '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('fix:');
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(digestAll(project.dir)).toEqual(before);
    });

  it('marks the folder it writes, and rebuilds it as long as it holds only what dac wrote', () => {
    expect(project.dac('build', '--out', 'generated').code).toBe(0);
    const marker = readFileSync(path.join(project.dir, 'generated', MARKER), 'utf8');
    expect(marker).toMatch(/^# This folder is written by dac/);
    expect(marker).toContain('\nrules/items-api-alerts.yml\n');
    expect(project.dac('build', '--out', 'generated').code).toBe(0);
  });

  it('refuses its own folder once a file it did not write is put there, and keeps that file', () => {
    writeFileSync(path.join(project.dir, 'generated', 'README.md'), 'my notes\n');
    const r = project.dac('build', '--out', 'generated');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds files dac did not write: README.md');
    expect(readFileSync(path.join(project.dir, 'generated', 'README.md'), 'utf8')).toBe('my notes\n');
  });
});

describe('a folder built before markers existed', () => {
  it('is taken over when it holds only files this build writes, and gains a marker', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dac-premarker-')), 'out');
    for (const [rel, text] of oldTree()) {
      mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
      writeFileSync(path.join(out, rel), text);
    }
    expect(writeTree(out, newTree()).unchanged).toBe(false);
    expect(readTree(out)).toEqual(newTree());
    expect(existsSync(path.join(out, MARKER))).toBe(true);
  });
});

describe('a build killed with SIGKILL at any step of the write', () => {
  const steps: WriteStep[] = ['locked', 'staging', 'writing', 'staged', 'retired', 'swapped', 'done'];
  const child = path.join(repoRoot, 'test/helpers/write-and-die.ts');

  for (const step of steps)
    it(`at "${step}": the next run finds a complete tree, old or new, and nothing left beside it`, () => {
      const parent = mkdtempSync(path.join(tmpdir(), 'dac-kill-'));
      const out = path.join(parent, 'out');
      writeTree(out, oldTree());
      const treeFile = path.join(parent, 'tree.json');
      writeFileSync(treeFile, JSON.stringify(Object.fromEntries(newTree())));
      const r = spawnSync(process.execPath, ['--import', 'tsx', child, out, step, treeFile], { encoding: 'utf8', cwd: repoRoot });
      expect(r.signal).toBe('SIGKILL');

      recoverTree(out);
      const seen = readTree(out);
      const beforeSwap = ['locked', 'staging', 'writing', 'staged', 'retired'].includes(step);
      expect(seen).toEqual(beforeSwap ? oldTree() : newTree());
      expect(readdirSync(parent).sort()).toEqual(['out', 'tree.json']);

      writeTree(out, newTree());
      expect(readTree(out)).toEqual(newTree());
      expect(readdirSync(parent).sort()).toEqual(['out', 'tree.json']);
      rmSync(parent, { recursive: true, force: true });
    });
});

/** Real disk faults need a tmpfs mount, which only root can make. */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'dac-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe.runIf(canMount())('real disk faults (tmpfs mounts, as root)', () => {
  const mounts: string[] = [];
  function mountTmpfs(dir: string, size: string) {
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    mounts.push(dir);
  }
  afterAll(() => {
    for (const m of mounts.reverse()) spawnSync('umount', [m]);
  });

  it('a full disk: exit 2 naming ENOSPC, the old tree whole, nothing left beside it', () => {
    const disk = mkdtempSync(path.join(tmpdir(), 'dac-full-'));
    mountTmpfs(disk, '256k');
    const out = path.join(disk, 'out');
    writeTree(out, oldTree());
    const huge = newTree();
    huge.set('dashboards/huge.json', 'x'.repeat(400_000));
    const err = thrown(() => writeTree(out, huge));
    expect(err.exitCode).toBe(2);
    expect(err.diagnostics[0]).toMatchObject({ message: expect.stringContaining('ENOSPC'), hint: expect.stringContaining('disk is full') });
    expect(readTree(out)).toEqual(oldTree());
    expect(readdirSync(disk)).toEqual(['out']);
    expect(writeTree(out, newTree()).unchanged).toBe(false);
  });

  it('a read-only file system: exit 2 naming EROFS, the old tree whole, the next build works once writable', () => {
    const disk = mkdtempSync(path.join(tmpdir(), 'dac-ro-'));
    mountTmpfs(disk, '1m');
    const out = path.join(disk, 'out');
    writeTree(out, oldTree());
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const err = thrown(() => writeTree(out, newTree()));
    expect(err.exitCode).toBe(2);
    expect(err.diagnostics[0]!.message).toContain('EROFS');
    expect(readTree(out)).toEqual(oldTree());
    execFileSync('mount', ['-o', 'remount,rw', disk]);
    expect(readdirSync(disk)).toEqual(['out']);
    writeTree(out, newTree());
    expect(readTree(out)).toEqual(newTree());
  });

  it('out/ that is itself a mount point: exit 2 naming EBUSY and what to pass instead, the tree whole', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'dac-busy-'));
    const out = path.join(parent, 'out');
    mountTmpfs(out, '1m');
    writeFileSync(path.join(out, MARKER), '');
    const err = thrown(() => writeTree(out, newTree()));
    expect(err.exitCode).toBe(2);
    expect(err.diagnostics[0]).toMatchObject({
      message: expect.stringContaining('EBUSY'),
      hint: expect.stringContaining('inside the mount'),
    });
    expect(readdirSync(parent).sort()).toEqual(['out']);
    expect(readdirSync(out)).toEqual([MARKER]);
  });
});
