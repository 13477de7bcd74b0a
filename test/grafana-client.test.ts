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
import { push, plan, MANAGED_TAG, type Deliverable } from '../src/deliver/grafana/push.js';
import { validateOnGrafana } from '../src/deliver/grafana/validate.js';
import { repoRoot } from './helpers/project-copy.js';
import { startLocalGrafana, type LocalGrafana } from './grafana/local-grafana.js';
import { builtGrafanaEnv, startRealGrafana } from './grafana/real-grafana.js';
import { makeTestCa } from './grafana/test-ca.js';
import { rmSync } from 'node:fs';

const TOKEN = 'glsa_local_secret_token_1234567890';
const run = `${process.pid}`;

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
    // Asynchronous on purpose: the stand-in answers from this very process.
    const r = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin/dac.js'), 'diff', '--grafana-url', local.url], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, GRAFANA_TOKEN: secret, NO_COLOR: '1' },
    }).then(
      (ok) => ({ status: 0, ...ok }),
      (err: { code: number; stdout: string; stderr: string }) => ({ status: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('401');
    expect(r.stdout + r.stderr).not.toContain(secret);
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
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin/dac.js'), ...args, '--grafana-url', grafana.url], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, GRAFANA_TOKEN: grafana.token, NO_COLOR: '1' },
    }).then(
      (ok) => ({ code: 0, ...ok }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );

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

  it('says what a Grafana without the dry-run API could and could not validate', async () => {
    const r = await cli('validate', '--no-tools');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Grafana ${grafana.version} has no Kubernetes-style dashboard API`);
    expect(r.stdout).toContain('only the connection and the credentials were checked');
    expect(r.stdout + r.stderr).not.toContain(grafana.token);
  });
});
