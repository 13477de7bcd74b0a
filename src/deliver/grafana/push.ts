/**
 * Delivery of generated dashboards to a Grafana: plan (what differs), push (idempotent upserts with a
 * concurrency limit), prune (delete dac-tagged dashboards that are no longer defined).
 */
import type { DashboardJson, GrafanaClient } from './client.js';
import { dashboardDiff } from './compare.js';
import { folderChain } from './folders.js';
import { GrafanaHttpError } from './http.js';

export const MANAGED_TAG = 'dac';

export interface Deliverable {
  json: DashboardJson;
  /** Folder path, "Team/Service" for nested folders. */
  folder: string;
}

export type Action = 'create' | 'update' | 'unchanged' | 'delete';

export interface PlanItem {
  uid: string;
  title: string;
  action: Action;
  folderUid: string;
  diff?: string;
}

async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Grafana (10 at least) answers a write whose title is taken in the folder by *overwriting the other
 * dashboard* when `overwrite` is set: the requested uid is never created. dac overwrites by uid, so
 * it refuses such a write itself, naming both dashboards.
 */
async function refuseTitleClash(client: GrafanaClient, item: Deliverable, folderUid: string): Promise<void> {
  const clash = (await client.dashboardsTitled(item.json.title, folderUid)).find((d) => d.uid !== item.json.uid);
  if (clash) {
    throw new GrafanaHttpError(
      'POST',
      '/api/dashboards/db',
      412,
      { status: 'name-exists' },
      `dashboard ${item.json.uid} ("${item.json.title}"): dashboard ${clash.uid} in the same folder already has this title (412 name-exists): rename one of them or move it to another folder`,
    );
  }
}

export async function plan(
  client: GrafanaClient,
  items: readonly Deliverable[],
  opts: { prune: boolean; concurrency: number },
): Promise<PlanItem[]> {
  const planned = await pool(items, opts.concurrency, async (item): Promise<PlanItem> => {
    const folderUid = folderChain(item.folder).at(-1)?.uid ?? '';
    const live = await client.getDashboard(item.json.uid);
    const base = { uid: item.json.uid, title: item.json.title, folderUid };
    if (!live) return { ...base, action: 'create' };
    const diff = dashboardDiff(live.dashboard, item.json);
    if (diff === null && live.folderUid === folderUid) return { ...base, action: 'unchanged' };
    return { ...base, action: 'update', diff: diff ?? `  folder: ${live.folderUid || '(General)'} → ${folderUid}` };
  });
  if (opts.prune) {
    const wanted = new Set(items.map((i) => i.json.uid));
    for (const hit of await client.dashboardsTagged(MANAGED_TAG)) {
      if (!wanted.has(hit.uid)) planned.push({ uid: hit.uid, title: hit.title, folderUid: hit.folderUid, action: 'delete' });
    }
  }
  return planned.sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}

export interface PushSummary {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  items: PlanItem[];
}

export async function push(
  client: GrafanaClient,
  items: readonly Deliverable[],
  opts: { prune: boolean; concurrency: number; message: string },
): Promise<PushSummary> {
  const steps = await plan(client, items, opts);
  const byUid = new Map(items.map((i) => [i.json.uid, i]));
  // Folders first, parents before children, each once.
  const folders = new Map<string, ReturnType<typeof folderChain>[number]>();
  for (const step of steps) {
    if (step.action === 'create' || step.action === 'update')
      for (const f of folderChain(byUid.get(step.uid)!.folder)) folders.set(f.uid, f);
  }
  const writes = steps.filter((s) => s.action === 'create' || s.action === 'update');
  // Every clash is found before anything is written, so a refused push changes nothing.
  await pool(writes, opts.concurrency, (step) => refuseTitleClash(client, byUid.get(step.uid)!, step.folderUid));
  for (const folder of folders.values()) await client.ensureFolder(folder);
  await pool(steps, opts.concurrency, async (step) => {
    if (step.action === 'create' || step.action === 'update')
      await client.upsertDashboard(byUid.get(step.uid)!.json, step.folderUid, opts.message);
    else if (step.action === 'delete') await client.deleteDashboard(step.uid);
  });
  const count = (a: Action) => steps.filter((s) => s.action === a).length;
  return { created: count('create'), updated: count('update'), unchanged: count('unchanged'), deleted: count('delete'), items: steps };
}
