/**
 * Pieces of the build that trade a simpler implementation for speed at scale: each must behave
 * exactly like the simple one it replaced.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonCopy } from '../src/dashboards/normalize.js';
import { indentBlock } from '../src/emit/serialize.js';
import { DacError } from '../src/core/diagnostic.js';
import { markerText } from '../src/io/ownership.js';
import { readTree, writeTree } from '../src/io/write.js';

describe('copying a built dashboard', () => {
  it('gives what a JSON round trip gives', () => {
    class Query {
      refId = 'A';
      expr = 'up';
      build(): string {
        return this.expr;
      }
    }
    const sparse: unknown[] = [1];
    sparse[3] = 2;
    const values: unknown[] = [
      { a: 1, b: undefined, c: () => 1, d: [undefined, () => 1, Symbol('s'), NaN, Infinity, -0], e: null },
      { nested: { deeper: [{ x: 'y', when: new Date(0) }], n: new Number(3), s: new String('t'), t: new Boolean(false) } },
      { targets: [new Query(), new Query()], sparse, 2: 'two', 1: 'one' },
      [[], {}, '', 0, false],
    ];
    for (const v of values) {
      const copy = jsonCopy(v);
      expect(copy).toEqual(JSON.parse(JSON.stringify(v)));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(v));
    }
  });
});

describe('indenting a block of text', () => {
  it('moves every non-empty line right, like the line-by-line regular expression', () => {
    const texts = ['', 'a', 'a\n', 'a\nb', '{\n  "x": 1\n}\n', '\na', 'a\n\nb\n', 'x\r\ny\n', 'a\u2028b\n', ' a\n'];
    for (const t of texts) for (const n of [0, 2, 4]) expect(indentBlock(t, n)).toBe(t.replace(/^(?=.)/gm, ' '.repeat(n)));
  });
});

describe('writing out/', () => {
  const tree = () =>
    new Map([
      ['dashboards/a.json', '{\n  "title": "A — é"\n}\n'],
      ['rules/a.yml', 'groups: []\n'],
    ]);

  it('leaves a current tree alone and replaces one that differs in any file', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dac-write-')), 'out');
    expect(writeTree(out, tree()).unchanged).toBe(false);
    expect(writeTree(out, tree())).toEqual({ written: 0, unchanged: true, warnings: [] });

    writeFileSync(path.join(out, 'rules/a.yml'), 'groups: [] \n');
    expect(writeTree(out, tree()).unchanged).toBe(false);
    expect(readFileSync(path.join(out, 'rules/a.yml'), 'utf8')).toBe('groups: []\n');

    writeFileSync(path.join(out, 'rules/extra.yml'), 'groups: []\n'); // not dac's: never deleted
    expect(() => writeTree(out, tree())).toThrow(/holds files dac did not write: rules\/extra\.yml/);
    expect(readdirSync(path.join(out, 'rules')).sort()).toEqual(['a.yml', 'extra.yml']);
    rmSync(path.join(out, 'rules/extra.yml'));

    const fewer = tree();
    fewer.delete('rules/a.yml');
    expect(writeTree(out, fewer).unchanged).toBe(false);
    expect(writeTree(out, tree()).unchanged).toBe(false);
    expect(readTree(out)).toEqual(tree());
  });

  it('rewrites only the files that changed, and leaves no file shared with the old tree', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dac-write-')), 'out');
    writeTree(out, tree());
    const dashboard = path.join(out, 'dashboards/a.json');
    const before = statSync(dashboard);
    const changed = tree();
    changed.set('rules/a.yml', 'groups:\n  - name: x\n    rules: []\n');
    expect(writeTree(out, changed).unchanged).toBe(false);
    expect(readTree(out)).toEqual(changed);
    const after = statSync(dashboard);
    expect(after.ino).toBe(before.ino); // the same file, not a rewritten copy
    expect(after.nlink).toBe(1);
    expect(readdirSync(path.dirname(out))).toEqual(['out']); // no staging or retired tree left behind
  });

  it('replaces the folder a symlinked out/ points to, and keeps the link', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dac-write-'));
    const volume = path.join(root, 'volume', 'out');
    writeTree(volume, new Map([['stale.json', '{}\n']])); // an earlier build's tree
    expect(readTree(volume)).toEqual(new Map([['stale.json', '{}\n']]));
    const project = path.join(root, 'project');
    mkdirSync(project);
    symlinkSync(volume, path.join(project, 'out'), 'dir');
    writeTree(path.join(project, 'out'), tree());
    expect(lstatSync(path.join(project, 'out')).isSymbolicLink()).toBe(true);
    expect(readTree(volume)).toEqual(tree());
    expect(readdirSync(project)).toEqual(['out']);
    expect(readdirSync(path.dirname(volume))).toEqual(['out']);
  });

  it('says that out/ is a file, not a folder, and leaves the file alone', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dac-write-')), 'out');
    writeFileSync(out, 'mine\n');
    for (const attempt of [() => writeTree(out, tree()), () => readTree(out)]) {
      const err = (() => {
        try {
          attempt();
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(DacError);
      expect((err as DacError).diagnostics[0]).toMatchObject({
        message: 'is a file, not a folder',
        hint: expect.stringContaining('--out'),
      });
    }
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
  });

  it('cleans up what a build killed mid-write left beside out/', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'dac-write-'));
    const out = path.join(parent, 'out');
    writeTree(out, tree());
    // A process id no live process has: /proc/sys/kernel/pid_max is at most 2^22.
    mkdirSync(path.join(parent, '.out.new-9999999/dashboards'), { recursive: true });
    mkdirSync(path.join(parent, '.out.old-9999999'));
    writeFileSync(path.join(parent, '.out.lock'), '9999999:0');
    writeFileSync(path.join(parent, 'notes.txt'), 'not dac’s\n');
    expect(writeTree(out, tree()).unchanged).toBe(true);
    expect(readdirSync(parent).sort()).toEqual(['notes.txt', 'out']);
  });

  it('waits for another build that is writing the same out/, then writes its own tree whole', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'dac-write-'));
    const out = path.join(parent, 'out');
    writeTree(out, tree());
    // Another build: holds the lock, replaces out/ with its own tree, then lets go.
    const other = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('node:fs');
         fs.writeFileSync('.out.lock', process.pid + ':0', { flag: 'wx' });
         setTimeout(() => {
           fs.rmSync('out', { recursive: true });
           fs.mkdirSync('out/rules', { recursive: true });
           fs.writeFileSync('out/rules/other.yml', 'groups: []\\n');
           fs.writeFileSync('out/.dac-output', ${JSON.stringify(markerText(['rules/other.yml']))});
           fs.rmSync('.out.lock');
         }, 300);`,
      ],
      { cwd: parent, stdio: 'ignore' },
    );
    const exited = new Promise((r) => other.once('exit', r));
    while (!existsSync(path.join(parent, '.out.lock'))) await new Promise((r) => setTimeout(r, 10));
    const changed = tree();
    changed.set('rules/a.yml', 'groups:\n  - name: x\n    rules: []\n');
    expect(writeTree(out, changed).unchanged).toBe(false);
    await exited;
    // Written after the other build finished, not overwritten by it.
    expect(readTree(out)).toEqual(changed);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
