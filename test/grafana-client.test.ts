/**
 * Delivery to Grafana. The specification runs against the local stand-in of Grafana's HTTP API
 * (test/grafana/local-grafana.ts, written from Grafana's public API documentation: see
 * test/grafana/CONTRACT.md) — a stand-in, not Grafana — and, whenever GRAFANA_URL and GRAFANA_TOKEN
 * are set, against that real Grafana too; each through the classic dashboard API and through the
 * resource API of Grafana 12 (the resource path's own cases, a thousand dashboards through faults
 * included, are in test/grafana-resource-api.test.ts). What only a stand-in can do on demand (faults of the
 * network and the server, dry runs of Grafana 12's API) is tested on the stand-in alone.
 */
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient, type DashboardJson, type DashboardStore } from '../src/deliver/grafana/client.js';
import { ResourceStore } from '../src/deliver/grafana/resources.js';
import { folderChain } from '../src/deliver/grafana/folders.js';
import { hideUserinfo, splitGrafanaUrl } from '../src/deliver/grafana/http.js';
import { plan, push, MANAGED_TAG, PushFailed, type Deliverable } from '../src/deliver/grafana/push.js';
import { UID_CHARSET, UID_MAX } from '../src/core/uid.js';
import { projectTag } from '../src/core/project.js';
import { validateOnGrafana } from '../src/deliver/grafana/validate.js';
import { copyProject } from '../tools/project-copy.js';
import { startLocalGrafana, type LocalGrafana } from './grafana/local-grafana.js';
import { NO_AUTH, pushThousandThroughFaults, runDac as dac, textDashboard, thousandDashboardsSetup } from './grafana/push-scenarios.js';
import { makeTestCa } from './grafana/test-ca.js';

const TOKEN = 'glsa_local_secret_token_1234567890';
const run = `${process.pid}`;
const PROJECT = projectTag(`dac-test-${run}`);

function dashboard(uid: string, title: string, tags = [MANAGED_TAG, PROJECT]): DashboardJson {
  return textDashboard(uid, title, tags);
}

type Target = { url: string; token: string; stop: () => Promise<void> };
const targets: { name: string; start: () => Promise<Target> }[] = [
  {
    name: "the local stand-in of Grafana's HTTP API (not Grafana)",
    start: async () => {
      const local = await startLocalGrafana({ token: TOKEN, k8s: true });
      return { url: local.url, token: TOKEN, stop: () => local.close() };
    },
  },
];
if (process.env.GRAFANA_URL && process.env.GRAFANA_TOKEN) {
  targets.push({
    name: `the real Grafana at ${hideUserinfo(process.env.GRAFANA_URL)}`,
    start: async () => ({ url: process.env.GRAFANA_URL!, token: process.env.GRAFANA_TOKEN!, stop: async () => undefined }),
  });
}

/** Each target through each of Grafana's dashboard APIs: the classic one, and the resource API of Grafana 12. */
const specifications = targets.flatMap((t) => [
  { ...t, api: 'classic API' as const },
  { ...t, api: 'resource API' as const },
]);

describe.each(specifications)('dac delivery against $name, through the $api', ({ start, api }) => {
  let target: Target;
  let client: GrafanaClient;
  /** What push and plan save through; hand edits and checks go through the classic API, which sees the same dashboards. */
  let store: DashboardStore;
  const storeOf = async (c: GrafanaClient): Promise<DashboardStore> => {
    if (api === 'classic API') return c;
    const resources = await c.k8sDashboardApi();
    if (!resources) throw new Error('this Grafana does not offer the dashboard.grafana.app resource API (Grafana 12 and later do)');
    return new ResourceStore(c, resources);
  };
  const folder = `dac test ${run}`;
  const items: Deliverable[] = [
    { json: dashboard(`dac-t-${run}-a`, `A ${run}`), folder },
    { json: dashboard(`dac-t-${run}-b`, `B ${run}`), folder: `${folder}/nested` },
  ];
  const opts = { prune: false, concurrency: 2, message: 'dac test', project: PROJECT };
  const cleanup: string[] = [];

  beforeAll(async () => {
    target = await start();
    client = new GrafanaClient({ url: target.url, auth: { token: target.token }, backoffMs: 10 });
    store = await storeOf(client);
  });
  afterAll(async () => {
    for (const uid of [...items.map((i) => i.json.uid), ...cleanup]) await client.deleteDashboard(uid).catch(() => undefined);
    // Leave a real Grafana as it was found: the folders this specification made go too.
    for (const f of [folder, `${folder} race`, `${folder} pair`])
      await client.http.request('DELETE', `/api/folders/${folderChain(f)[0]!.uid}`).catch(() => undefined);
    await target?.stop();
  });

  it('creates folders and dashboards, then a second push changes nothing', async () => {
    const first = await push(store, items, opts);
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, deleted: 0 });
    const second = await push(store, items, opts);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2, deleted: 0, folders: [] });
    expect((await client.getDashboard(items[0]!.json.uid))?.dashboard.title).toBe(`A ${run}`);
  });

  it('reports drift made in Grafana, ignoring id and version, and repairs it on push', async () => {
    await push(store, items, opts);
    await client.upsertDashboard(
      { ...items[0]!.json, title: `A edited by hand ${run}` },
      (await client.getDashboard(items[0]!.json.uid))!.folderUid,
      'hand edit',
    );
    const steps = await plan(store, items, opts);
    const drifted = steps.find((s) => s.uid === items[0]!.json.uid)!;
    expect(drifted.action).toBe('update');
    expect(drifted.diff).toContain(`-   "title": "A edited by hand ${run}"`);
    expect(drifted.diff).toContain(`+   "title": "A ${run}"`);
    expect(steps.find((s) => s.uid === items[1]!.json.uid)!.action).toBe('unchanged');
    expect(await push(store, items, opts)).toMatchObject({ updated: 1, unchanged: 1 });
  });

  it("prunes only this project's dashboards: another project's, and hand-made ones, stay", async () => {
    const other = projectTag(`dac-test-other-${run}`);
    const theirs = [{ json: dashboard(`dac-t-${run}-theirs`, `Theirs ${run}`, [MANAGED_TAG, other]), folder }];
    const orphan = { json: dashboard(`dac-t-${run}-orphan`, `Orphan ${run}`), folder };
    const handMade = dashboard(`dac-t-${run}-hand-made`, `Hand made ${run}`, ['hand-made']);
    cleanup.push(theirs[0]!.json.uid, orphan.json.uid, handMade.uid);
    await push(store, [...items, orphan], opts);
    await push(store, theirs, { ...opts, project: other });
    await client.upsertDashboard(handMade, '', 'test');

    const summary = await push(store, items, { ...opts, prune: true });
    expect(summary.items.filter((s) => s.action === 'delete').map((s) => s.uid)).toEqual([orphan.json.uid]);
    expect(await client.getDashboard(orphan.json.uid)).toBeNull();
    expect(await client.getDashboard(theirs[0]!.json.uid)).not.toBeNull();
    expect(await client.getDashboard(handMade.uid)).not.toBeNull();
    // The other project prunes its own the same way, and leaves ours.
    expect((await push(store, [], { ...opts, project: other, prune: true })).deleted).toBe(1);
    expect(await client.getDashboard(items[0]!.json.uid)).not.toBeNull();
  });

  it('explains a refused token without ever showing it', async () => {
    const secret = 'glsa_wrong_secret_0987654321';
    const bad = new GrafanaClient({ url: target.url, auth: { token: secret }, retries: 0 });
    const err = (await bad.checkCredentials().catch((e: unknown) => e)) as Error & { kind: string; fix: string };
    expect(err.message).toContain('401');
    expect(err.kind).toBe('credentials');
    expect(err.fix).toContain('GRAFANA_TOKEN');
    expect(JSON.stringify(err)).not.toContain(secret);
    expect(err.message).not.toContain(secret);
  });

  it('explains a missing folder', async () => {
    const missing = (await client
      .upsertDashboard(dashboard(`dac-t-${run}-x`, `X ${run}`), `no-such-folder-${run}`, 't')
      .catch((e: unknown) => e)) as Error;
    expect(missing.message).toMatch(/folder not found/i);
  });

  it('lets two pushes create the same folders and dashboards at once, as two CI jobs would', async () => {
    const racing: Deliverable[] = [{ json: dashboard(`dac-t-${run}-race`, `Race ${run}`), folder: `${folder} race` }];
    cleanup.push(racing[0]!.json.uid);
    const other = new GrafanaClient({ url: target.url, auth: { token: target.token }, backoffMs: 10 });
    const [one, two] = await Promise.all([push(store, racing, opts), push(await storeOf(other), racing, opts)]);
    expect(one!.items.map((i) => i.action)).toEqual(['create']);
    expect(two!.items.map((i) => i.action)).toEqual(['create']);
    expect((await client.getDashboard(racing[0]!.json.uid))?.folderUid).toBe(one!.items[0]!.folderUid);
  });

  it('explains a folder title that a folder dac did not create already has', async () => {
    const handMade = { uid: `hand-made-${run}`, title: `Hand made ${run}` };
    await client.ensureFolder(handMade);
    try {
      const clash = (await push(store, [{ json: dashboard(`dac-t-${run}-hand`, `Hand ${run}`), folder: handMade.title }], opts).catch(
        (e: unknown) => e,
      )) as PushFailed;
      expect(clash.message).toContain(`folder "${handMade.title}"`);
      expect(clash.message).toContain('409');
      expect(clash.failures[0]!.fix).toContain("set the service's grafanaFolder to another title");
    } finally {
      await client.http.request('DELETE', `/api/folders/${handMade.uid}`);
    }
  });

  it('refuses a dashboard whose title another one in the folder has, and changes nothing', async () => {
    await push(store, items, opts);
    const twin = { json: dashboard(`dac-t-${run}-twin`, `a ${run}`), folder }; // Grafana compares titles ignoring case
    const clash = (await push(store, [twin], opts).catch((e: unknown) => e)) as PushFailed;
    expect(clash).toBeInstanceOf(PushFailed);
    expect(clash.message).toContain('412 name-exists');
    expect(clash.message).toContain(items[0]!.json.uid);
    expect(clash.failures[0]!.fix).toContain('rename one of them');
    expect(clash.done).toEqual([]);
    expect(await client.getDashboard(twin.json.uid)).toBeNull();
    expect((await client.getDashboard(items[0]!.json.uid))?.dashboard.title).toBe(`A ${run}`);
  });

  it('refuses two dashboards of one push with one title in one folder before writing anything', async () => {
    const pair: Deliverable[] = [
      { json: dashboard(`dac-t-${run}-p1`, `Pair ${run}`), folder: `${folder} pair` },
      { json: dashboard(`dac-t-${run}-p2`, `PAIR ${run}`), folder: `${folder} pair` },
    ];
    const err = (await push(store, pair, opts).catch((e: unknown) => e)) as PushFailed;
    expect(err).toBeInstanceOf(PushFailed);
    expect(err.message).toContain(`dashboard ${pair[1]!.json.uid} ("PAIR ${run}") has the title of dashboard ${pair[0]!.json.uid}`);
    expect(err.done).toEqual([]);
    for (const p of pair) expect(await client.getDashboard(p.json.uid)).toBeNull();
    expect(await client.getFolder(folderChain(`${folder} pair`)[0]!.uid)).toBeNull();
  });
});

describe('the folders dac creates', () => {
  it('nest one per "/" with readable uids derived from the path', () => {
    expect(folderChain('Shop/Catalog')).toEqual([
      { uid: 'dac-shop', title: 'Shop' },
      { uid: 'dac-shop-catalog', title: 'Catalog', parentUid: 'dac-shop' },
    ]);
    expect(folderChain('Items API')).toEqual([{ uid: 'dac-items-api', title: 'Items API' }]);
  });

  it('get distinct, stable uids of at most 40 characters for titles in any script and of any length', () => {
    const long = 'Platform engineering and payments infrastructure';
    const folders = ['Заказы', 'Платежи', '決済', '運用', `${long}/Europe`, `${long}/Americas`, 'General', 'Items API'];
    const uids = folders.map((f) => folderChain(f).at(-1)!.uid);
    expect(new Set(uids).size).toBe(folders.length);
    for (const uid of uids) {
      expect(uid.length).toBeLessThanOrEqual(UID_MAX);
      expect(uid).toMatch(UID_CHARSET);
    }
    expect(folders.map((f) => folderChain(f).at(-1)!.uid)).toEqual(uids);
  });
});

describe('credentials written into the Grafana URL', () => {
  it('are taken whole even when the password holds an unencoded /, #, ? or @, and hidden in every message', () => {
    const raw = 'https://admin:p/a#s?s@w0rd@grafana.example.com:3000/sub';
    expect(splitGrafanaUrl(raw)).toEqual({
      base: 'https://grafana.example.com:3000/sub',
      basic: { user: 'admin', password: 'p/a#s?s@w0rd' },
      written: 'admin:p/a#s?s@w0rd',
    });
    expect(hideUserinfo(raw)).toBe('https://***@grafana.example.com:3000/sub');
    expect(splitGrafanaUrl('https://admin:p%2Fw@grafana.example.com').basic).toEqual({ user: 'admin', password: 'p/w' });
    expect(splitGrafanaUrl('https://grafana.example.com/a@b')).toEqual({ base: 'https://grafana.example.com/a@b' });
  });
});

/** A stand-in, and the CLI pointed at it with a token, for the tests of what a user sees. */
function cliOn(local: { url: string }, token = TOKEN) {
  return (...args: string[]) => dac([...args, '--grafana-url', local.url], { ...NO_AUTH, GRAFANA_TOKEN: token });
}

describe('dac delivery resilience (local stand-in)', () => {
  let local: LocalGrafana;
  beforeAll(async () => {
    local = await startLocalGrafana({ token: TOKEN, k8s: true });
  });
  afterAll(() => local.close());

  it('waits out 429 for as long as Retry-After says, retries 5xx with backoff, then succeeds', async () => {
    const client = new GrafanaClient({ url: local.url, auth: { token: TOKEN }, retries: 3, backoffMs: 5 });
    local.failNext(2, 503);
    await expect(client.health()).resolves.toMatchObject({ database: 'ok' });
    const next = local.requests.length;
    local.inject((n) => (n === next ? { kind: 'status', status: 429, retryAfter: 1 } : undefined));
    await expect(client.checkCredentials()).resolves.toBeUndefined();
    local.inject(undefined);
    expect(local.served.status).toBe(3);
    expect(local.earlyRetries()).toBe(0);
  });

  it('gives up after its retries with a message that says what failed', async () => {
    const client = new GrafanaClient({ url: local.url, auth: { token: TOKEN }, retries: 1, backoffMs: 5 });
    local.failNext(5, 502);
    const err = (await client.health().catch((e: unknown) => e)) as Error & { kind: string };
    expect(err.message).toContain('Grafana kept failing with 502');
    expect(err.kind).toBe('server');
    local.failNext(0, 502);
  });

  it('validates with a dry run that saves nothing, and reports what Grafana refused', async () => {
    const client = new GrafanaClient({ url: local.url, auth: { token: TOKEN }, backoffMs: 5 });
    const good = { json: dashboard('dry-good', 'Good'), folder: 'Dry' };
    const bad = { json: dashboard('dry-bad', ''), folder: 'Dry' };
    const report = await validateOnGrafana(client, [good, bad]);
    expect(report.method).toBe('k8s-dry-run');
    expect(report.checked).toBe(2);
    expect(report.failures).toEqual([{ uid: 'dry-bad', message: expect.stringContaining('spec.title') }]);
    expect(local.dashboards.size).toBe(0);
    expect(local.requests.some((r) => r.includes('dryRun=All'))).toBe(true);
  });

  it('says plainly when a Grafana without the Kubernetes-style API cannot validate without saving', async () => {
    const old = await startLocalGrafana({ token: TOKEN, k8s: false, version: '10.4.0' });
    try {
      const client = new GrafanaClient({ url: old.url, auth: { token: TOKEN } });
      const report = await validateOnGrafana(client, [{ json: dashboard('x', 'X'), folder: 'F' }]);
      expect(report.method).toBe('none');
      expect(report.note).toContain('only the connection and the credentials were checked');
    } finally {
      await old.close();
    }
  });

  it('never overwrites a dashboard someone edits in Grafana while dac pushes it', async () => {
    const client = new GrafanaClient({ url: local.url, auth: { token: TOKEN }, backoffMs: 5 });
    const mine = { json: dashboard(`edit-${run}`, `Edited ${run}`), folder: 'Edits' };
    await push(client, [mine], { prune: false, concurrency: 1, message: 't', project: PROJECT });
    const changed = { ...mine, json: { ...mine.json, description: 'new in the definition' } };
    // Between dac's read and its save, a person saves a change of their own.
    local.inject((_n, request) => {
      if (request !== 'POST /api/dashboards/db') return undefined;
      const live = local.dashboards.get(mine.json.uid)!;
      live.version += 1;
      live.json = { ...live.json, description: 'edited by hand', version: live.version };
      return undefined;
    });
    try {
      const err = (await push(client, [changed], { prune: false, concurrency: 1, message: 't', project: PROJECT }).catch(
        (e: unknown) => e,
      )) as PushFailed;
      expect(err).toBeInstanceOf(PushFailed);
      expect(err.message).toContain('was changed in Grafana since dac read it (412 version-mismatch)');
      expect(err.failures[0]!.fix).toContain('dac diff');
      expect(local.dashboards.get(mine.json.uid)!.json.description).toBe('edited by hand');
    } finally {
      local.inject(undefined);
    }
  });

  it('turns a refused token into exit 2 with a fix, on diff, push and validate alike, never showing it', async () => {
    const secret = 'glsa_cli_secret_5555';
    const echoing = await startLocalGrafana({ token: TOKEN, echoAuthorization: true });
    try {
      const cli = cliOn(echoing, secret);
      for (const r of [await cli('diff'), await cli('push'), await cli('validate', '--no-tools')]) {
        expect(r.code, r.stderr + r.stdout).toBe(2);
        expect(r.stdout + r.stderr).toContain('401');
        expect(r.stdout + r.stderr).toMatch(/fix: set GRAFANA_TOKEN to a valid service-account token/);
        // The stand-in echoed the Authorization header in its answer: it is redacted before printing.
        expect(r.stdout + r.stderr).toContain('Bearer ***');
        expect(r.stdout + r.stderr).not.toContain(secret);
        expect(r.stderr).not.toContain('internal error');
      }
    } finally {
      await echoing.close();
    }
  });

  it('turns an unreachable Grafana into exit 2 with a fix, on diff, push and validate alike', async () => {
    const gone = await startLocalGrafana({ token: TOKEN });
    await gone.close();
    const cli = cliOn(gone);
    for (const r of [await cli('diff'), await cli('push'), await cli('validate', '--no-tools')]) {
      expect(r.code, r.stderr + r.stdout).toBe(2);
      expect(r.stdout + r.stderr).toContain('connection refused');
      expect(r.stdout + r.stderr).toContain('fix: check --grafana-url and that Grafana is up and reachable from here');
      expect(r.stderr).not.toContain('internal error');
    }
  });

  it('signs in with credentials written into the URL, unencoded / # ? included, and never shows them', async () => {
    const password = 'url/se#cr?et-4242';
    const admin = await startLocalGrafana({ token: TOKEN, basic: { user: 'admin', password } });
    try {
      const withPassword = (p: string) => admin.url.replace('://', `://admin:${p}@`);
      await expect(new GrafanaClient({ url: withPassword(password), auth: {} }).checkCredentials()).resolves.toBeUndefined();
      const refused = (await new GrafanaClient({ url: withPassword('wrong/secret#4242'), auth: {}, retries: 0 })
        .checkCredentials()
        .catch((e: unknown) => e)) as Error;
      expect(refused.message).toContain('401');
      expect(refused.message).not.toContain('wrong/secret#4242');

      const r = await dac(['diff', '--grafana-url', withPassword(password)], NO_AUTH);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^create\s+items-api-http-overview/m); // signed in: the stand-in has none of them yet
      await admin.close();
      const unreachable = await dac(['diff', '--grafana-url', withPassword(password)], NO_AUTH);
      expect(unreachable.code).toBe(2);
      expect(unreachable.stderr).toMatch(/^error http:\/\/127\.0\.0\.1:\d+\n/m);
      for (const out of [r, unreachable]) {
        expect(out.stdout + out.stderr).not.toContain(password);
        expect(out.stdout + out.stderr).not.toContain('se#cr');
        expect(out.stdout + out.stderr).not.toContain(encodeURIComponent(password));
      }
    } finally {
      await admin.close().catch(() => undefined);
    }
  });

  it('refuses a Grafana URL or a flag it cannot use at once, as a usage error', async () => {
    const before = local.requests.length;
    const schemeless = await dac(['diff', '--grafana-url', 'admin:pw-5151@grafana.example.com'], { ...NO_AUTH, GRAFANA_TOKEN: TOKEN });
    expect(schemeless.code).toBe(2);
    expect(schemeless.stderr).toContain('is not an http(s) URL: write it like https://grafana.example.com');
    expect(schemeless.stderr).not.toContain('pw-5151');
    const flags: [string, string, string][] = [
      ['diff', '--timeout', 'soon'],
      ['diff', '--org-id', '1.5'],
      ['push', '--concurrency', '0'],
    ];
    for (const [command, flag, value] of flags) {
      const r = await dac([command, '--grafana-url', local.url, flag, value], { ...NO_AUTH, GRAFANA_TOKEN: TOKEN });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${flag} must be a positive`);
    }
    expect(local.requests.length).toBe(before); // refused before anything was sent
  });

  it('makes `dac validate` report a Grafana it cannot reach as a located error, not a crash', async () => {
    const gone = await startLocalGrafana({ token: TOKEN });
    await gone.close();
    const url = gone.url.replace('://', '://admin:url/secret#6161@');
    const r = await dac(['validate', '--no-tools', '--grafana-url', url, '--timeout', '0.5'], NO_AUTH);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Grafana could not validate the dashboards: GET http://127.0.0.1:');
    expect(r.stdout).toContain('[grafana/connection]');
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout + r.stderr).not.toContain('secret#6161');
  });
});

describe('dac push and diff through a faulty network and server (local stand-in)', () => {
  let local: LocalGrafana;
  beforeAll(async () => {
    local = await startLocalGrafana({ token: TOKEN });
  });
  afterAll(() => local.close());

  it('retries answers cut off mid-body, then reports them as a located error, never a crash', async () => {
    local.inject(() => ({ kind: 'truncate' }));
    try {
      const r = await cliOn(local)('diff');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error http:\/\/127\.0\.0\.1:\d+\n/m);
      expect(r.stderr).toMatch(/the answer was cut off after \d+ of \d+ bytes .*, after 4 tries \[grafana\/connection\]/);
      expect(r.stderr).toContain('fix: check what sits between dac and Grafana');
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).not.toContain('TypeError');
    } finally {
      local.inject(undefined);
    }
  });

  it('gives up on answers that stall past --timeout, and says so', async () => {
    local.inject(() => ({ kind: 'stall' }));
    try {
      const r = await cliOn(local)('push', '--timeout', '0.2');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no complete answer within 0.2 s');
      expect(r.stderr).not.toContain('internal error');
    } finally {
      local.inject(undefined);
    }
  });

  it('prints what a push created before Grafana failed midway', async () => {
    let saves = 0;
    // Grafana takes three dashboards, then fails every later save.
    local.inject((_n, request) => (request === 'POST /api/dashboards/db' && ++saves > 3 ? { kind: 'status', status: 500 } : undefined));
    try {
      const r = await cliOn(local)('push', '--concurrency', '1');
      expect(r.code).toBe(2);
      const created = r.stdout.match(/^create\s+items-api-\S+/gm) ?? [];
      expect(created).toHaveLength(3);
      for (const line of created) expect(local.dashboards.has(line.split(/\s+/)[1]!)).toBe(true);
      expect(r.stdout).toContain('push stopped: created 3, updated 0, deleted 0 before it stopped; 1 change(s) not tried');
      expect(r.stderr).toMatch(/^error dashboards\/\S+\.ts › dashboard items-api-\S+\n {2}Grafana kept failing with 500/m);
      expect(local.dashboards.size).toBe(3);
    } finally {
      local.inject(undefined);
      local.dashboards.clear();
      local.folders.clear();
    }
  });

  it('prints the plan on --dry-run and writes nothing', async () => {
    const cli = cliOn(local);
    local.requests.length = 0;
    const r = await cli('push', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^create\s+items-api-red \(Items API \/ RED Metrics\)$/m);
    expect(r.stdout).toContain('dry run: would create 5, update 0, delete 0, leave 0 unchanged; nothing was written');
    expect(local.dashboards.size).toBe(0);
    expect(local.folders.size).toBe(0);
    expect(local.requests.filter((q) => /^(POST|PUT|DELETE) /.test(q))).toEqual([]);
  });
});

describe('two projects pushing to one Grafana (local stand-in)', () => {
  it("each prunes only its own dashboards, whatever the other's push left there", async () => {
    const local = await startLocalGrafana({ token: TOKEN });
    const other = copyProject('dac-other-project-');
    try {
      // A second project: its own project name, its own service.
      const config = readFileSync(path.join(other.dir, 'dac.config.ts'), 'utf8');
      writeFileSync(
        path.join(other.dir, 'dac.config.ts'),
        config
          .replace('export default defineConfig({', "export default defineConfig({\n  project: 'orders-monitoring',")
          .replaceAll("'items-api'", "'orders'")
          .replace("grafanaFolder: 'Items API'", "grafanaFolder: 'Orders'"),
      );
      const env = { ...NO_AUTH, GRAFANA_TOKEN: TOKEN };
      const theirs = await dac(['push', '--grafana-url', local.url], env, other.dir);
      expect(theirs.stdout, theirs.stderr).toContain('created 5, updated 0, unchanged 0, deleted 0');
      const ours = await dac(['push', '--prune', '--grafana-url', local.url], env);
      expect(ours.stdout, ours.stderr).toContain('created 5, updated 0, unchanged 0, deleted 0');
      expect([...local.dashboards.keys()].filter((uid) => uid.startsWith('orders-'))).toHaveLength(5);
      const tags = (uid: string) => local.dashboards.get(uid)!.json.tags as string[];
      expect(tags('orders-red')).toContain('dac-project:orders-monitoring');
      expect(tags('items-api-red')).toContain('dac-project:dac');
    } finally {
      other.remove();
      await local.close();
    }
  });
});

describe('1000 dashboards through a faulty network (local stand-in)', () => {
  const secret = 'glsa_thousand_dashboards_secret_7777';
  const setup = thousandDashboardsSetup({ secret, prefix: 'dac-thousand-' });

  // Two cold `dac` processes, each building 200 services and pushing through a thousand requests
  // or more: seconds on an idle machine, more on a busy one.
  it('all land through the faults, a second push changes nothing, and the token is never printed', { timeout: 240_000 }, async () => {
    const local = setup.local();
    await pushThousandThroughFaults(local, {
      secret,
      // A save that finds the dashboard saved since it was read is a 412 on this API.
      isSave: (request) => request === 'POST /api/dashboards/db',
      push: () =>
        dac(
          ['push', '--prune', '--grafana-url', local.url, '--timeout', '0.5', '--concurrency', '8'],
          { ...NO_AUTH, GRAFANA_TOKEN: secret },
          setup.project().dir,
        ),
    });
  });
});

describe('dac delivery over TLS, timeouts and concurrency (local stand-in)', () => {
  it('trusts a Grafana signed by the CA it is given, refuses an unknown one, and skips checks only when asked', async () => {
    const ca = makeTestCa();
    const secure = await startLocalGrafana({ token: TOKEN, tls: { key: ca.key, cert: ca.cert } });
    try {
      const base = { url: secure.url, auth: { token: TOKEN }, retries: 0 };
      await expect(new GrafanaClient({ ...base, caFile: ca.caFile }).checkCredentials()).resolves.toBeUndefined();
      const untrusted = (await new GrafanaClient(base).checkCredentials().catch((e: unknown) => e)) as Error & { fix: string };
      expect(untrusted.message).toMatch(/certificate/i);
      expect(untrusted.fix).toContain('--ca-file');
      expect(untrusted.message).not.toContain(TOKEN);
      await expect(new GrafanaClient({ ...base, insecure: true }).checkCredentials()).resolves.toBeUndefined();
    } finally {
      await secure.close();
      rmSync(ca.dir, { recursive: true, force: true });
    }
  });

  it('gives up on a Grafana that does not answer within the timeout', async () => {
    const slow = await startLocalGrafana({ token: TOKEN, delayMs: 2_000 });
    try {
      const client = new GrafanaClient({ url: slow.url, auth: { token: TOKEN }, timeoutMs: 200, retries: 1, backoffMs: 5 });
      const err = (await client.health().catch((e: unknown) => e)) as Error;
      expect(err.message).toContain('no complete answer within 0.2 s, after 2 tries');
    } finally {
      await slow.close();
    }
  });

  it('keeps at most --concurrency requests in flight', async () => {
    const slow = await startLocalGrafana({ token: TOKEN, delayMs: 50 });
    try {
      const client = new GrafanaClient({ url: slow.url, auth: { token: TOKEN } });
      const many = Array.from({ length: 12 }, (_, i) => ({ json: dashboard(`conc-${i}`, `Concurrent ${i}`), folder: 'Concurrency' }));
      const summary = await push(client, many, { prune: false, concurrency: 3, message: 'test', project: PROJECT });
      expect(summary.created).toBe(12);
      expect(slow.maxInFlight()).toBeLessThanOrEqual(3);
      expect(slow.maxInFlight()).toBeGreaterThan(1);
    } finally {
      await slow.close();
    }
  });
});
