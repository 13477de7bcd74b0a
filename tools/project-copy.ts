/**
 * A throwaway copy of this repository's project (config, definitions, dac itself) in a temp folder,
 * driven through the real `dac` binary as a user would run it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTree } from '../src/io/write.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const COPIED = ['bin', 'src', 'dashboards', 'rules', 'dac.config.ts', 'package.json', 'tsconfig.json'];

export interface ProjectCopy {
  dir: string;
  dac(...args: string[]): { code: number; stdout: string; stderr: string };
  /** sha256 of every file under out/, by relative path. */
  outDigest(): Record<string, string>;
  remove(): void;
}

export function copyProject(prefix = 'dac-project-'): ProjectCopy {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const entry of COPIED) cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    dir,
    dac(...args) {
      const r = spawnSync(process.execPath, [path.join(dir, 'bin/dac.js'), ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    outDigest() {
      const digest: Record<string, string> = {};
      for (const [p, text] of readTree(path.join(dir, 'out'))) digest[p] = createHash('sha256').update(text).digest('hex');
      return digest;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
