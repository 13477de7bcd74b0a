/**
 * Delivery of generated dashboards to a Grafana: plan (what differs), push (idempotent, versioned
 * saves with a concurrency limit), prune (delete this project's dashboards that are no longer
 * defined). A push that stops midway reports what it did before it stopped.
 */
import type { DashboardJson, DashboardStore, FolderSpec, LiveHit, LiveVersion } from './client.js';
import { comparable, dashboardDiff } from './compare.js';
import { folderChain } from './folders.js';
import { GrafanaHttpError } from './http.js';

/** Every dashboard dac generates carries it; the project's own tag is what `--prune` selects on. */
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
  /** What the plan saw live, for updates: a save is only repeated against that. */
  live?: { version: LiveVersion; folderUid: string; text: string };
}

export interface PlanOptions {
  prune: boolean;
  concurrency: number;
  /** The project's tag (src/core/project.ts): `--prune` deletes only dashboards carrying it. */
  project: string;
}

export interface PushOptions extends PlanOptions {
  message: string;
  /** Called after each write or delete, for progress on a terminal. */
  onProgress?: (done: number, total: number) => void;
}

export interface PushSummary {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Folders this push created, outermost first. */
  folders: { uid: string; title: string }[];
  items: PlanItem[];
}

/**
 * A push that did not finish: `done` is what it changed before it stopped (already in Grafana),
 * `failures` why it stopped, `skipped` how many changes it never tried.
 */
export class PushFailed extends Error {
  constructor(
    readonly failures: GrafanaHttpError[],
    readonly done: PlanItem[],
    readonly folders: { uid: string; title: string }[],
    readonly skipped: number,
  ) {
    super(failures.length === 1 ? failures[0]!.message : `${failures[0]!.message} (and ${failures.length - 1} more)`);
    this.name = 'PushFailed';
  }
}

/**
 * Runs `fn` over the items with at most `limit` in flight. After the first failure no new item
 * starts; the ones in flight finish, so what landed is known.
 */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<{ results: (R | undefined)[]; errors: unknown[]; started: number }> {
  const results = new Array<R | undefined>(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return { results, errors, started: next };
}

function asHttpError(err: unknown): GrafanaHttpError {
  if (err instanceof GrafanaHttpError) return err;
  throw err;
}

const byUid = (a: { uid: string }, b: { uid: string }) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
const folderOf = (item: Deliverable) => folderChain(item.folder).at(-1)?.uid ?? '';
const clashFix = 'rename one of them or move it to another folder';

/**
 * Grafana keeps one title per folder, comparing titles ignoring case. Two dashboards of one push
 * with the same title there are refused before Grafana is even asked.
 */
export function titleClashesWithin(items: readonly Deliverable[]): GrafanaHttpError[] {
  const seen = new Map<string, Deliverable>();
  const out: GrafanaHttpError[] = [];
  for (const item of items) {
    const key = `${folderOf(item)}\u0000${item.json.title.toLowerCase()}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, item);
      continue;
    }
    out.push(
      new GrafanaHttpError({
        method: 'POST',
        path: '/api/dashboards/db',
        status: 0,
        kind: 'refused',
        subject: `dashboard ${item.json.uid}`,
        message: `dashboard ${item.json.uid} ("${item.json.title}") has the title of dashboard ${first.json.uid} ("${first.json.title}"), in the same folder "${item.folder}": Grafana keeps one title per folder, ignoring case`,
        fix: clashFix,
      }),
    );
  }
  return out;
}

/** What a push would do, and the listing of Grafana's dashboards it was worked out from. */
export interface Survey {
  steps: PlanItem[];
  live: LiveHit[];
}

export async function survey(client: DashboardStore, items: readonly Deliverable[], opts: PlanOptions): Promise<Survey> {
  const live = await client.listDashboards();
  const existing = new Set(live.map((h) => h.uid));
  const { results, errors } = await pool(items, opts.concurrency, async (item): Promise<PlanItem> => {
    const folderUid = folderOf(item);
    const base = { uid: item.json.uid, title: item.json.title, folderUid };
    // Created since the listing? Then the save finds it, and refuses rather than overwrite.
    const current = existing.has(item.json.uid) ? (client.listed?.(item.json.uid) ?? (await client.getDashboard(item.json.uid))) : null;
    if (!current) return { ...base, action: 'create' };
    const seen = { version: current.version, folderUid: current.folderUid, text: comparable(current.dashboard) };
    const diff = dashboardDiff(current.dashboard, item.json);
    if (diff === null && current.folderUid === folderUid) return { ...base, action: 'unchanged', live: seen };
    return { ...base, action: 'update', diff: diff ?? `  folder: ${current.folderUid || '(General)'} → ${folderUid}`, live: seen };
  });
  if (errors.length > 0) throw asHttpError(errors[0]);
  const steps = results as PlanItem[];
  if (opts.prune) {
    const wanted = new Set(items.map((i) => i.json.uid));
    for (const hit of live)
      if (hit.tags.includes(opts.project) && !wanted.has(hit.uid))
        steps.push({ uid: hit.uid, title: hit.title, folderUid: hit.folderUid, action: 'delete' });
  }
  return { steps: steps.sort(byUid), live };
}

export async function plan(client: DashboardStore, items: readonly Deliverable[], opts: PlanOptions): Promise<PlanItem[]> {
  return (await survey(client, items, opts)).steps;
}

/**
 * Every title clash this push would meet, inside it and against what Grafana holds, found without
 * writing. Only creates and updates that change the title or the folder can clash with Grafana: a
 * dashboard that keeps both already holds them.
 */
export function titleClashes(items: readonly Deliverable[], { steps, live }: Survey): GrafanaHttpError[] {
  const within = titleClashesWithin(items);
  if (within.length > 0) return within;
  const key = (folderUid: string, title: string) => `${folderUid}\u0000${title.toLowerCase()}`;
  const holders = new Map<string, LiveHit[]>();
  for (const hit of live) holders.set(key(hit.folderUid, hit.title), [...(holders.get(key(hit.folderUid, hit.title)) ?? []), hit]);
  const out: GrafanaHttpError[] = [];
  for (const step of steps) {
    if (step.action !== 'create' && !(step.action === 'update' && (step.live?.folderUid !== step.folderUid || titleChanged(step))))
      continue;
    const clash = holders.get(key(step.folderUid, step.title))?.find((h) => h.uid !== step.uid);
    if (!clash) continue;
    out.push(
      new GrafanaHttpError({
        method: 'POST',
        path: '/api/dashboards/db',
        status: 412,
        body: { status: 'name-exists' },
        subject: `dashboard ${step.uid}`,
        message: `dashboard ${step.uid} ("${step.title}"): dashboard ${clash.uid} in the same folder already has this title (412 name-exists)`,
        fix: clashFix,
      }),
    );
  }
  return out;
}

function titleChanged(step: PlanItem): boolean {
  if (!step.live) return true;
  const title = (JSON.parse(step.live.text) as { title?: string }).title;
  return title?.toLowerCase() !== step.title.toLowerCase();
}

/**
 * One dashboard saved against the version the plan read. A 412 version-mismatch means Grafana's
 * copy moved on: when it now holds exactly this dashboard, an earlier try landed and only its
 * answer was lost; when it holds what the plan saw under a newer version, someone saved it
 * unchanged and the save is repeated against that version; anything else is a real edit made
 * since the plan, and is reported, never overwritten.
 */
async function save(client: DashboardStore, item: Deliverable, step: PlanItem, message: string): Promise<void> {
  const subject = `dashboard ${step.uid} ("${step.title}")`;
  const wanted = comparable(item.json);
  let version = step.live?.version;
  let conflict: GrafanaHttpError | undefined;
  for (let round = 0; round < 5; round++) {
    const res = await client.putDashboard(item.json, step.folderUid, message, version);
    if (res.outcome === 'saved') return;
    if (res.outcome === 'refused') throw res.error;
    conflict = res.error;
    const live = await client.getDashboard(step.uid);
    if (!live) {
      version = undefined;
      continue;
    }
    const text = comparable(live.dashboard);
    if (text === wanted && live.folderUid === step.folderUid) return;
    const asPlanned = step.live ? text === step.live.text && live.folderUid === step.live.folderUid : false;
    if (!asPlanned) throw res.error;
    version = live.version;
  }
  throw new GrafanaHttpError({
    method: conflict!.method,
    path: conflict!.path,
    status: conflict!.status,
    subject,
    message: `${subject} kept changing in Grafana while dac saved it (${conflict!.status === 409 ? '409 Conflict' : '412 version-mismatch'}, 5 times)`,
    fix: 'find what else writes this dashboard (another push, a provisioner), then push again',
  });
}

/** Folders by depth, parents first; the folders of one depth are made side by side. */
async function makeFolders(client: DashboardStore, folders: FolderSpec[], concurrency: number, made: { uid: string; title: string }[]) {
  const depth = (f: FolderSpec): number => {
    let n = 0;
    for (let p = f.parentUid; p; p = folders.find((o) => o.uid === p)?.parentUid) n++;
    return n;
  };
  const levels = new Map<number, FolderSpec[]>();
  for (const f of folders) levels.set(depth(f), [...(levels.get(depth(f)) ?? []), f]);
  for (const level of [...levels.keys()].sort((a, b) => a - b)) {
    const { errors } = await pool(levels.get(level)!, concurrency, async (folder) => {
      if (await client.ensureFolder(folder)) made.push({ uid: folder.uid, title: folder.title });
    });
    if (errors.length > 0) throw asHttpError(errors[0]);
  }
}

export async function push(client: DashboardStore, items: readonly Deliverable[], opts: PushOptions): Promise<PushSummary> {
  const within = titleClashesWithin(items);
  if (within.length > 0) throw new PushFailed(within, [], [], 0);
  const found = await survey(client, items, opts);
  const { steps } = found;
  const byUidMap = new Map(items.map((i) => [i.json.uid, i]));
  const changes = steps.filter((s) => s.action !== 'unchanged');
  // Every clash is found before anything is written, so a refused push changes nothing.
  const clashes = titleClashes(items, found);
  if (clashes.length > 0) throw new PushFailed(clashes, [], [], changes.length);

  const chain = new Map<string, FolderSpec>();
  for (const step of changes)
    if (step.action !== 'delete') for (const f of folderChain(byUidMap.get(step.uid)!.folder)) chain.set(f.uid, f);
  const madeFolders: { uid: string; title: string }[] = [];
  try {
    await makeFolders(client, [...chain.values()], opts.concurrency, madeFolders);
  } catch (err) {
    throw new PushFailed([asHttpError(err)], [], madeFolders, changes.length);
  }
  const done: PlanItem[] = [];
  const { errors, started } = await pool(changes, opts.concurrency, async (step) => {
    if (step.action === 'delete') await client.deleteDashboard(step.uid);
    else await save(client, byUidMap.get(step.uid)!, step, opts.message);
    done.push(step);
    opts.onProgress?.(done.length, changes.length);
  });
  if (errors.length > 0) throw new PushFailed(errors.map(asHttpError), done.sort(byUid), madeFolders, changes.length - started);
  const count = (a: Action) => steps.filter((s) => s.action === a).length;
  return {
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    deleted: count('delete'),
    folders: madeFolders,
    items: steps,
  };
}
