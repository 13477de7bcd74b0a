import { comparable, dashboardDiff } from "./compare.js";
import { explain } from "./errors.js";
import { folderChain } from "./folders.js";
import { GrafanaHttpError } from "./http.js";
const MANAGED_TAG = "dac";
class PushFailed extends Error {
  constructor(failures, done, folders, skipped) {
    super(failures.length === 1 ? failures[0].message : `${failures[0].message} (and ${failures.length - 1} more)`);
    this.failures = failures;
    this.done = done;
    this.folders = folders;
    this.skipped = skipped;
    this.name = "PushFailed";
  }
  failures;
  done;
  folders;
  skipped;
}
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  const errors = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return { results, errors, started: next };
}
function asHttpError(err) {
  if (err instanceof GrafanaHttpError) return err;
  throw err;
}
const byUid = (a, b) => a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
const folderOf = (item) => folderChain(item.folder).at(-1)?.uid ?? "";
const clashFix = "rename one of them or move it to another folder";
function titleClashesWithin(items) {
  const seen = /* @__PURE__ */ new Map();
  const out = [];
  for (const item of items) {
    const key = `${folderOf(item)}\0${item.json.title.toLowerCase()}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, item);
      continue;
    }
    out.push(
      new GrafanaHttpError({
        method: "POST",
        path: "/api/dashboards/db",
        status: 0,
        kind: "refused",
        subject: `dashboard ${item.json.uid}`,
        message: `dashboard ${item.json.uid} ("${item.json.title}") has the title of dashboard ${first.json.uid} ("${first.json.title}"), in the same folder "${item.folder}": Grafana keeps one title per folder, ignoring case`,
        fix: clashFix
      })
    );
  }
  return out;
}
async function survey(client, items, opts) {
  const live = await client.listDashboards();
  const existing = new Set(live.map((h) => h.uid));
  const { results, errors } = await pool(items, opts.concurrency, async (item) => {
    const folderUid = folderOf(item);
    const base = { uid: item.json.uid, title: item.json.title, folderUid };
    const current = existing.has(item.json.uid) ? await client.getDashboard(item.json.uid) : null;
    if (!current) return { ...base, action: "create" };
    const seen = { version: current.version, folderUid: current.folderUid, text: comparable(current.dashboard) };
    const diff = dashboardDiff(current.dashboard, item.json);
    if (diff === null && current.folderUid === folderUid) return { ...base, action: "unchanged", live: seen };
    return { ...base, action: "update", diff: diff ?? `  folder: ${current.folderUid || "(General)"} \u2192 ${folderUid}`, live: seen };
  });
  if (errors.length > 0) throw asHttpError(errors[0]);
  const steps = results;
  if (opts.prune) {
    const wanted = new Set(items.map((i) => i.json.uid));
    for (const hit of live)
      if (hit.tags.includes(opts.project) && !wanted.has(hit.uid))
        steps.push({ uid: hit.uid, title: hit.title, folderUid: hit.folderUid, action: "delete" });
  }
  return { steps: steps.sort(byUid), live };
}
async function plan(client, items, opts) {
  return (await survey(client, items, opts)).steps;
}
function titleClashes(items, { steps, live }) {
  const within = titleClashesWithin(items);
  if (within.length > 0) return within;
  const key = (folderUid, title) => `${folderUid}\0${title.toLowerCase()}`;
  const holders = /* @__PURE__ */ new Map();
  for (const hit of live) holders.set(key(hit.folderUid, hit.title), [...holders.get(key(hit.folderUid, hit.title)) ?? [], hit]);
  const out = [];
  for (const step of steps) {
    if (step.action !== "create" && !(step.action === "update" && (step.live?.folderUid !== step.folderUid || titleChanged(step))))
      continue;
    const clash = holders.get(key(step.folderUid, step.title))?.find((h) => h.uid !== step.uid);
    if (!clash) continue;
    out.push(
      new GrafanaHttpError({
        method: "POST",
        path: "/api/dashboards/db",
        status: 412,
        body: { status: "name-exists" },
        subject: `dashboard ${step.uid}`,
        message: `dashboard ${step.uid} ("${step.title}"): dashboard ${clash.uid} in the same folder already has this title (412 name-exists)`,
        fix: clashFix
      })
    );
  }
  return out;
}
function titleChanged(step) {
  if (!step.live) return true;
  const title = JSON.parse(step.live.text).title;
  return title?.toLowerCase() !== step.title.toLowerCase();
}
async function save(client, item, step, message) {
  const subject = `dashboard ${step.uid} ("${step.title}")`;
  const wanted = comparable(item.json);
  let version = step.live?.version;
  for (let round = 0; round < 5; round++) {
    const res = await client.saveDashboard(item.json, step.folderUid, message, version);
    if (res.status === 200) return;
    if (res.status !== 412 || res.body?.status !== "version-mismatch")
      throw explain("POST", "/api/dashboards/db", res, subject);
    const live = await client.getDashboard(step.uid);
    if (!live) {
      version = void 0;
      continue;
    }
    const text = comparable(live.dashboard);
    if (text === wanted && live.folderUid === step.folderUid) return;
    const asPlanned = step.live ? text === step.live.text && live.folderUid === step.live.folderUid : false;
    if (!asPlanned) throw explain("POST", "/api/dashboards/db", res, subject);
    version = live.version;
  }
  throw new GrafanaHttpError({
    method: "POST",
    path: "/api/dashboards/db",
    status: 412,
    subject,
    message: `${subject} kept changing in Grafana while dac saved it (412 version-mismatch, 5 times)`,
    fix: "find what else writes this dashboard (another push, a provisioner), then push again"
  });
}
async function makeFolders(client, folders, concurrency, made) {
  const depth = (f) => {
    let n = 0;
    for (let p = f.parentUid; p; p = folders.find((o) => o.uid === p)?.parentUid) n++;
    return n;
  };
  const levels = /* @__PURE__ */ new Map();
  for (const f of folders) levels.set(depth(f), [...levels.get(depth(f)) ?? [], f]);
  for (const level of [...levels.keys()].sort((a, b) => a - b)) {
    const { errors } = await pool(levels.get(level), concurrency, async (folder) => {
      if (await client.ensureFolder(folder)) made.push({ uid: folder.uid, title: folder.title });
    });
    if (errors.length > 0) throw asHttpError(errors[0]);
  }
}
async function push(client, items, opts) {
  const within = titleClashesWithin(items);
  if (within.length > 0) throw new PushFailed(within, [], [], 0);
  const found = await survey(client, items, opts);
  const { steps } = found;
  const byUidMap = new Map(items.map((i) => [i.json.uid, i]));
  const changes = steps.filter((s) => s.action !== "unchanged");
  const clashes = titleClashes(items, found);
  if (clashes.length > 0) throw new PushFailed(clashes, [], [], changes.length);
  const chain = /* @__PURE__ */ new Map();
  for (const step of changes)
    if (step.action !== "delete") for (const f of folderChain(byUidMap.get(step.uid).folder)) chain.set(f.uid, f);
  const madeFolders = [];
  try {
    await makeFolders(client, [...chain.values()], opts.concurrency, madeFolders);
  } catch (err) {
    throw new PushFailed([asHttpError(err)], [], madeFolders, changes.length);
  }
  const done = [];
  const { errors, started } = await pool(changes, opts.concurrency, async (step) => {
    if (step.action === "delete") await client.deleteDashboard(step.uid);
    else await save(client, byUidMap.get(step.uid), step, opts.message);
    done.push(step);
    opts.onProgress?.(done.length, changes.length);
  });
  if (errors.length > 0) throw new PushFailed(errors.map(asHttpError), done.sort(byUid), madeFolders, changes.length - started);
  const count = (a) => steps.filter((s) => s.action === a).length;
  return {
    created: count("create"),
    updated: count("update"),
    unchanged: count("unchanged"),
    deleted: count("delete"),
    folders: madeFolders,
    items: steps
  };
}
export {
  MANAGED_TAG,
  PushFailed,
  plan,
  push,
  survey,
  titleClashes,
  titleClashesWithin
};
