/**
 * `--changed-since REF`: the dashboards a change touches, before (the committed out/ at REF) and
 * after (this build). out/ is committed and CI keeps it current, so REF's dashboards are read
 * from git as they were, without building the old definitions.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { DashboardJson } from './dashboard.js';

export interface DashboardChange {
  uid: string;
  change: 'added' | 'removed' | 'modified';
  before?: DashboardJson;
  after?: DashboardJson;
}

const git = (cwd: string, args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

/** The emitted dashboards at `ref`, by uid, from `<project>/<outDir>/dashboards/` in git. */
export function dashboardsAt(projectDir: string, outDir: string, ref: string): Map<string, { text: string; json: DashboardJson }> {
  try {
    git(projectDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new Error(`--changed-since ${ref}: not a commit in the git repository at ${projectDir}`);
  }
  const prefix = git(projectDir, ['rev-parse', '--show-prefix']).trim();
  const folder = path.posix.join(
    prefix,
    path.relative(projectDir, path.resolve(projectDir, outDir)).split(path.sep).join('/'),
    'dashboards',
  );
  const listing = git(projectDir, ['ls-tree', '--name-only', `${ref}:${folder}`])
    .split('\n')
    .filter((f) => f.endsWith('.json'));
  const out = new Map<string, { text: string; json: DashboardJson }>();
  for (const name of listing) {
    const text = git(projectDir, ['show', `${ref}:${folder}/${name}`]);
    const json = JSON.parse(text) as DashboardJson;
    out.set(json.uid ?? name.replace(/\.json$/, ''), { text, json });
  }
  return out;
}

export function changedDashboards(
  before: Map<string, { text: string; json: DashboardJson }>,
  now: readonly DashboardJson[],
): DashboardChange[] {
  const after = new Map(now.map((d) => [d.uid ?? '', d]));
  const changes: DashboardChange[] = [];
  for (const [uid, d] of after) {
    const old = before.get(uid);
    if (!old) changes.push({ uid, change: 'added', after: d });
    else if (JSON.stringify(old.json) !== JSON.stringify(d)) changes.push({ uid, change: 'modified', before: old.json, after: d });
  }
  for (const [uid, old] of before) if (!after.has(uid)) changes.push({ uid, change: 'removed', before: old.json });
  return changes.sort((a, b) => a.uid.localeCompare(b.uid));
}
