/**
 * Delivery to Grafana. The same specification runs against the real Grafana server that
 * test/grafana/build-grafana.sh builds from Grafana's Go module (a 10.0 pre-release: the newest the
 * Go module proxy serves), against the local stand-in of Grafana 12's API
 * (test/grafana/local-grafana.ts), and, whenever GRAFANA_URL and GRAFANA_TOKEN are set, against that
 * Grafana too. Behaviours only the stand-in can show on demand (429/5xx, dry runs) are tested on it alone.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient, type DashboardJson } from '../src/deliver/grafana/client.js';
import { folderChain } from '../src/deliver/grafana/folders.js';
import { push, plan, MANAGED_TAG, type Deliverable } from '../src/deliver/grafana/push.js';
import { UID_CHARSET, UID_MAX } from '../src/core/uid.js';
import { validateOnGrafana } from '../src/deliver/grafana/validate.js';
import { repoRoot } from './helpers/project-copy.js';
import { startLocalGrafana, type LocalGrafana } from './grafana/local-grafana.js';
import { builtGrafanaEnv, startRealGrafana } from './grafana/real-grafana.js';
import { makeTestCa } from './grafana/test-ca.js';
import { rmSync } from 'node:fs';

const TOKEN = 'glsa_local_secret_token_1234567890';
const run = `${process.pid}`;

/** `dac` as a user runs it; asynchronous, because the stand-in answers from this very process. */
function dac(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin/dac.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  }).then(
    (ok) => ({ code: 0, ...ok }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}
/** No credentials from the environment of whoever runs the tests. */
const NO_AUTH = { GRAFANA_TOKEN: undefined, GRAFANA_USER: undefined, GRAFANA_PASSWORD: undefined, GRAFANA_URL: undefined };

function dashboard(uid: string, title: string, tags = [MANAGED_TAG]): DashboardJson {
  return {
    uid,
    title,
    tags,
    editable: false,
    panels: [{ id: 1, type: 'text', title: 'Notes', gridPos: { x: 0, y: 0, w: 24, h: 4 } }],
    schemaVersion: 42,
  };
}

type Target = { url: string; token: string; stop: () => Promise<void> };
const targets: { name: string; start: () => Promise<Target> }[] = [
  {
    name: 'the local stand-in of Grafana 12',
    start: async () => {
      const local = await startLocalGrafana({ token: TOKEN, k8s: true });
      return { url: local.url, token: TOKEN, stop: () => local.close() };
    },
  },
];
// npm test builds it (test/setup/install-tools.sh); a bare `vitest run` on a machine without the
// build says so here instead of passing quietly.
targets.push({
  name: 'real Grafana built from its Go module',
  start: async () => {
    if (!builtGrafanaEnv()) throw new Error('no Grafana build: run test/grafana/build-grafana.sh (npm test does)');
    return startRealGrafana();
  },
});
if (process.env.GRAFANA_URL && process.env.GRAFANA_TOKEN) {
  targets.push({
    name: `Grafana at ${process.env.GRAFANA_URL}`,
    start: async () => ({ url: process.env.GRAFANA_URL!, token: process.env.GRAFANA_TOKEN!, stop: async () => undefined }),
  });
}

describe.each(targets)('dac delivery against $name', ({ start }) => {
  let target: Target;
  let client: GrafanaClient;
  const folder = `dac test ${run}`;
  const items: Deliverable[] = [
    { json: dashboard(`dac-t-${run}-a`, `A ${run}`), folder },
    { json: dashboard(`dac-t-${run}-b`, `B ${run}`), folder: `${folder}/nested` },
  ];
  const opts = { prune: false, concurrency: 2, message: 'dac test' };

  beforeAll(async () => {
    target = await start();
    client = new GrafanaClient({ url: target.url, auth: { token: target.token }, backoffMs: 10 });
  });
  afterAll(async () => {
    for (const i of items) await client.deleteDashboard(i.json.uid).catch(() => undefined);
    await target?.stop();
  });

  it('creates folders and dashboards, then a second push changes nothing', async () => {
    const first = await push(client, items, opts);
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, deleted: 0 });
    const second = await push(client, items, opts);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2, deleted: 0 });
    expect((await client.getDashboard(items[0]!.json.uid))?.dashboard.title).toBe(`A ${run}`);
  });

  it('reports drift made in Grafana, ignoring id and version, and repairs it on push', async () => {
    await push(client, items, opts);
    await client.upsertDashboard(
      { ...items[0]!.json, title: `A edited by hand ${run}` },
      (await client.getDashboard(items[0]!.json.uid))!.folderUid,
      'hand edit',
    );
    const steps = await plan(client, items, opts);
    const drifted = steps.find((s) => s.uid === items[0]!.json.uid)!;
    expect(drifted.action).toBe('update');
    expect(drifted.diff).toContain(`-   "title": "A edited by hand ${run}"`);
    expect(drifted.diff).toContain(`+   "title": "A ${run}"`);
    expect(steps.find((s) => s.uid === items[1]!.json.uid)!.action).toBe('unchanged');
    expect(await push(client, items, opts)).toMatchObject({ updated: 1, unchanged: 1 });
  });

  it('prunes only dac-tagged dashboards that are no longer defined', async () => {
    await push(client, items, opts);
    const orphan = dashboard(`dac-t-${run}-orphan`, `Orphan ${run}`);
    const foreign = dashboard(`dac-t-${run}-foreign`, `Foreign ${run}`, ['hand-made']);
    await client.upsertDashboard(orphan, '', 'test');
    await client.upsertDashboard(foreign, '', 'test');
    const summary = await push(client, items, { ...opts, prune: true });
    expect(summary.items.filter((s) => s.action === 'delete').map((s) => s.uid)).toContain(orphan.uid);
    expect(await client.getDashboard(orphan.uid)).toBeNull();
    expect(await client.getDashboard(foreign.uid)).not.toBeNull();
    await client.deleteDashboard(foreign.uid);
  });

  it('explains a refused token without ever showing it', async () => {
    const secret = 'glsa_wrong_secret_0987654321';
    const bad = new GrafanaClient({ url: target.url, auth: { token: secret }, retries: 0 });
    const err = (await bad.checkCredentials().catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('401');
    expect(err.message).toContain('GRAFANA_TOKEN');
    expect(JSON.stringify(err)).not.toContain(secret);
    expect(err.message).not.toContain(secret);
  });

  it('explains a missing folder', async () => {
    const missing = (await client
      .upsertDashboard(dashboard(`dac-t-${run}-x`, `X ${run}`), `no-such-folder-${run}`, 't')
      .catch((e: unknown) => e)) as Error;
    expect(missing.message).toMatch(/folder not found/i);
  });

  it('lets two pushes create the same folders at once, as two CI jobs would', async () => {
    const racing: Deliverable[] = [{ json: dashboard(`dac-t-${run}-race`, `Race ${run}`), folder: `${folder} race` }];
    const other = new GrafanaClient({ url: target.url, auth: { token: target.token }, backoffMs: 10 });
    try {
      const [one, two] = await Promise.all([push(client, racing, opts), push(other, racing, opts)]);
      expect(one!.items.map((i) => i.action)).toEqual(['create']);
      expect(two!.items.map((i) => i.action)).toEqual(['create']);
      expect((await client.getDashboard(racing[0]!.json.uid))?.folderUid).toBe(one!.items[0]!.folderUid);
    } finally {
      await client.deleteDashboard(racing[0]!.json.uid).catch(() => undefined);
    }
  });

  it('explains a folder title that a folder dac did not create already has', async () => {
    const handMade = { uid: `hand-made-${run}`, title: `Hand made ${run}` };
    await client.ensureFolder(handMade);
    try {
      const clash = (await push(client, [{ json: dashboard(`dac-t-${run}-hand`, `Hand ${run}`), folder: handMade.title }], opts).catch(
        (e: unknown) => e,
      )) as Error;
      expect(clash.message).toContain(`folder "${handMade.title}"`);
      expect(clash.message).toContain('409');
      expect(clash.message).toContain("set the service's grafanaFolder to another title");
    } finally {
      await client.http.request('DELETE', `/api/folders/${handMade.uid}`);
    }
  });

  it('refuses a dashboard whose title another one in the folder has, and changes nothing', async () => {
    await push(client, items, opts);
    const twin = { json: dashboard(`dac-t-${run}-twin`, `a ${run}`), folder }; // Grafana compares titles ignoring case
    const clash = (await push(client, [...items, twin], opts).catch((e: unknown) => e)) as Error;
    expect(clash.message).toContain('412 name-exists');
    expect(clash.message).toContain(items[0]!.json.uid);
    expect(clash.message).toContain('rename one of them');
    expect(await client.getDashboard(twin.json.uid)).toBeNull();
    expect((await client.getDashboard(items[0]!.json.uid))?.dashboard.title).toBe(`A ${run}`);
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

describe('dac delivery resilience (local stand-in)', () => {
  let local: LocalGrafana;
  beforeAll(async () => {
    local = await startLocalGrafana({ token: TOKEN, k8s: true });
  });
  afterAll(() => local.close());

  it('retries 429 and 5xx with backoff, then succeeds', async () => {
    const client = new GrafanaClient({ url: local.url, auth: { token: TOKEN }, retries: 3, backoffMs: 5 });
    local.failNext(2, 503);
    await expect(client.health()).resolves.toMatchObject({ database: 'ok' });
    local.failNext(1, 429);
    await expect(client.checkCredentials()).resolves.toBeUndefined();
  });

  it('gives up after its retries with a message that says what failed', async () => {
    const client = new GrafanaClient({ url: local.url, auth: { token: TOKEN }, retries: 1, backoffMs: 5 });
    local.failNext(5, 502);
    const err = (await client.health().catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('Grafana failed with 502');
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

  it('keeps the token out of the CLI output, even on failure', async () => {
    const secret = 'glsa_cli_secret_5555';
    const r = await dac(['diff', '--grafana-url', local.url], { ...NO_AUTH, GRAFANA_TOKEN: secret });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('401');
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('signs in with credentials written into the URL, and never shows them', async () => {
    const admin = await startLocalGrafana({ token: TOKEN, basic: { user: 'admin', password: 'url-secret-4242' } });
    try {
      const withPassword = (password: string) => admin.url.replace('://', `://admin:${password}@`);
      await expect(new GrafanaClient({ url: withPassword('url-secret-4242'), auth: {} }).checkCredentials()).resolves.toBeUndefined();
      const refused = (await new GrafanaClient({ url: withPassword('wrong-secret-4242'), auth: {}, retries: 0 })
        .checkCredentials()
        .catch((e: unknown) => e)) as Error;
      expect(refused.message).toContain('401');
      expect(refused.message).not.toContain('wrong-secret-4242');

      const r = await dac(['diff', '--grafana-url', withPassword('url-secret-4242')], NO_AUTH);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^create\s+items-api-http-overview/m); // signed in: the stand-in has none of them yet
      await admin.close();
      const unreachable = await dac(['diff', '--grafana-url', withPassword('url-secret-4242')], NO_AUTH);
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toMatch(/^error: GET http:\/\/127\.0\.0\.1:\d+\/api\/search/m);
      for (const out of [r, unreachable]) expect(out.stdout + out.stderr).not.toContain('url-secret-4242');
    } finally {
      await admin.close().catch(() => undefined);
    }
  });

  it('refuses a Grafana URL or a flag it cannot use at once, as a usage error', async () => {
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
    expect(local.dashboards.size).toBe(0); // refused before anything was sent
  });

  it('makes `dac validate` report a Grafana it cannot reach as a located error, not a crash', async () => {
    const gone = await startLocalGrafana({ token: TOKEN });
    await gone.close();
    const url = gone.url.replace('://', '://admin:url-secret-6161@');
    const r = await dac(['validate', '--no-tools', '--grafana-url', url, '--timeout', '0.5'], NO_AUTH);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Grafana could not validate the dashboards: GET http://127.0.0.1:');
    expect(r.stdout).toContain('[grafana/connection]');
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout + r.stderr).not.toContain('url-secret-6161');
  });
});

describe('dac delivery over TLS, timeouts and concurrency (local stand-in)', () => {
  it('trusts a Grafana signed by the CA it is given, refuses an unknown one, and skips checks only when asked', async () => {
    const ca = makeTestCa();
    const secure = await startLocalGrafana({ token: TOKEN, tls: { key: ca.key, cert: ca.cert } });
    try {
      const base = { url: secure.url, auth: { token: TOKEN }, retries: 0 };
      await expect(new GrafanaClient({ ...base, caFile: ca.caFile }).checkCredentials()).resolves.toBeUndefined();
      const untrusted = (await new GrafanaClient(base).checkCredentials().catch((e: unknown) => e)) as Error;
      expect(untrusted.message).toMatch(/certificate/i);
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
      const started = Date.now();
      const err = (await client.health().catch((e: unknown) => e)) as Error;
      expect(err.message).toContain('no answer within 0.2 s after 2 tries');
      expect(Date.now() - started).toBeLessThan(1_900); // both tries were cut short, not waited out
    } finally {
      await slow.close();
    }
  });

  it('keeps at most --concurrency requests in flight', async () => {
    const slow = await startLocalGrafana({ token: TOKEN, delayMs: 50 });
    try {
      const client = new GrafanaClient({ url: slow.url, auth: { token: TOKEN } });
      const many = Array.from({ length: 12 }, (_, i) => ({ json: dashboard(`conc-${i}`, `Concurrent ${i}`), folder: 'Concurrency' }));
      const summary = await push(client, many, { prune: false, concurrency: 3, message: 'test' });
      expect(summary.created).toBe(12);
      expect(slow.maxInFlight()).toBeLessThanOrEqual(3);
      expect(slow.maxInFlight()).toBeGreaterThan(1);
    } finally {
      await slow.close();
    }
  });
});

describe('the Items API dashboards on the real Grafana, through the CLI', () => {
  let grafana: Awaited<ReturnType<typeof startRealGrafana>>;
  const cli = (...args: string[]) => dac([...args, '--grafana-url', grafana.url], { ...NO_AUTH, GRAFANA_TOKEN: grafana.token });

  beforeAll(async () => {
    if (!builtGrafanaEnv()) throw new Error('no Grafana build: run test/grafana/build-grafana.sh (npm test does)');
    grafana = await startRealGrafana();
  });
  afterAll(async () => {
    await grafana?.stop();
  });

  it('pushes every generated dashboard, then finds nothing to change and no drift', async () => {
    const first = await cli('push');
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('created 5, updated 0, unchanged 0, deleted 0');
    const second = await cli('push');
    expect(second.stdout).toContain('created 0, updated 0, unchanged 5, deleted 0');
    const diff = await cli('diff');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('no drift: 5 dashboard(s) match.');
  });

  it('signs in as the admin written into the URL, and never shows the password', async () => {
    const url = grafana.url.replace('://', `://admin:${encodeURIComponent(grafana.adminPassword)}@`);
    const r = await dac(['diff', '--grafana-url', url], NO_AUTH);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no drift: 5 dashboard(s) match.');
    expect(r.stdout).not.toContain(grafana.adminPassword);
  });

  it('says what a Grafana without the dry-run API could and could not validate', async () => {
    const r = await cli('validate', '--no-tools');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Grafana ${grafana.version} has no Kubernetes-style dashboard API`);
    expect(r.stdout).toContain('only the connection and the credentials were checked');
    expect(r.stdout + r.stderr).not.toContain(grafana.token);
  });
});
