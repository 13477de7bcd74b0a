/**
 * `dac push` and `dac diff` through Grafana 12's resource API (`/apis/dashboard.grafana.app`),
 * against the local stand-in of it (test/grafana/local-resources.ts, written from Grafana's
 * documentation: see test/grafana/CONTRACT.md) — a stand-in, not Grafana. The same promises as
 * the classic path: idempotent pushes, saves that never overwrite a change made in Grafana
 * meanwhile, prune of this project's dashboards only, and a thousand dashboards through a faulty
 * network with the token never printed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient, type DashboardJson } from '../src/deliver/grafana/client.js';
import { folderChain } from '../src/deliver/grafana/folders.js';
import { plan, push, MANAGED_TAG, PushFailed, type Deliverable } from '../src/deliver/grafana/push.js';
import { ResourceStore } from '../src/deliver/grafana/resources.js';
import { projectTag } from '../src/core/project.js';
import { copyProject, type ProjectCopy } from '../tools/project-copy.js';
import { startLocalGrafana, type LocalGrafana } from './grafana/local-grafana.js';
import { NO_AUTH, pushThousandThroughFaults, runDac, textDashboard, thousandDashboardsSetup } from './grafana/push-scenarios.js';

const TOKEN = 'glsa_resource_api_secret_4242';
const PROJECT = projectTag('dac-resource-test');

/** `dac` run in a project copy, with no credentials but those given. */
function dac(args: string[], env: Record<string, string | undefined>, cwd: string) {
  return runDac(args, { ...NO_AUTH, ...env }, cwd);
}

function dashboard(uid: string, title: string, tags = [MANAGED_TAG, PROJECT]): DashboardJson {
  return textDashboard(uid, title, tags);
}

const writes = (local: LocalGrafana) => local.requests.filter((q) => /^(POST|PUT|DELETE) /.test(q));

describe('dac delivery through the resource API of the local stand-in (not Grafana)', () => {
  let local: LocalGrafana;
  let store: ResourceStore;
  const opts = { prune: false, concurrency: 2, message: 'dac test', project: PROJECT };
  const items: Deliverable[] = [
    { json: dashboard('res-a', 'Resource A'), folder: 'Resources' },
    { json: dashboard('res-b', 'Resource B'), folder: 'Resources/Nested' },
  ];

  beforeAll(async () => {
    local = await startLocalGrafana({ token: TOKEN, k8s: true });
    store = await connect();
  });
  afterAll(() => local?.close());
  afterEach(() => local.inject(undefined));

  const connect = async () => {
    const client = new GrafanaClient({ url: local.url, auth: { token: TOKEN }, backoffMs: 5 });
    const api = await client.k8sDashboardApi();
    if (!api) throw new Error('the stand-in offers no resource API');
    return new ResourceStore(client, api);
  };

  it('creates with POST, the folder as the grafana.app/folder annotation, and a second push changes nothing', async () => {
    expect(store.target).toEqual({ group: 'dashboard.grafana.app', version: 'v1beta1', namespace: 'default' });
    local.requests.length = 0;
    expect(await push(store, items, opts)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const base = '/apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards';
    expect(writes(local).filter((q) => q.includes('/dashboards'))).toEqual([`POST ${base}`, `POST ${base}`]);
    expect(local.dashboards.get('res-b')!.folderUid).toBe(folderChain('Resources/Nested').at(-1)!.uid);
    local.requests.length = 0;
    expect(await push(store, items, opts)).toMatchObject({ created: 0, updated: 0, unchanged: 2, folders: [] });
    expect(writes(local)).toEqual([]);
    // The listing carries whole dashboards: a push of unchanged ones reads nothing one by one.
    expect(local.requests.filter((q) => q.startsWith(`GET ${base}/`))).toEqual([]);
  });

  it('updates with PUT against the resourceVersion it read, and diff then shows no drift', async () => {
    const changed = items.map((i) => ({ ...i, json: { ...i.json, description: 'changed' } }));
    local.requests.length = 0;
    expect(await push(store, changed, opts)).toMatchObject({ updated: 2 });
    expect(writes(local).every((q) => q.startsWith('PUT /apis/'))).toBe(true);
    expect((await plan(store, changed, opts)).every((s) => s.action === 'unchanged')).toBe(true);
  });

  it('saves again when someone saved the dashboard unchanged since it was read (409 Conflict), and lands', async () => {
    const changed = items.map((i) => ({ ...i, json: { ...i.json, description: 'changed again' } }));
    const once = { fired: false };
    local.inject((_n, request) => {
      if (!request.startsWith('PUT /apis/') || once.fired) return undefined;
      once.fired = true;
      return { kind: 'conflict' };
    });
    expect(await push(store, changed, opts)).toMatchObject({ updated: 2 });
    expect(local.served.conflict).toBeGreaterThan(0);
    expect(local.dashboards.get('res-a')!.json.description).toBe('changed again');
  });

  it('never overwrites a change a person made in Grafana between the read and the save', async () => {
    const changed = { ...items[0]!, json: { ...items[0]!.json, description: 'from the definition' } };
    local.inject((_n, request) => {
      if (!request.startsWith('PUT /apis/')) return undefined;
      const live = local.dashboards.get('res-a')!;
      live.version += 1;
      live.json = { ...live.json, description: 'edited by hand', version: live.version };
      return undefined;
    });
    const err = (await push(store, [changed], opts).catch((e: unknown) => e)) as PushFailed;
    expect(err).toBeInstanceOf(PushFailed);
    expect(err.message).toContain('was changed in Grafana since dac read it (409 Conflict)');
    expect(err.failures[0]!.fix).toContain('dac diff');
    expect(local.dashboards.get('res-a')!.json.description).toBe('edited by hand');
  });

  it("prunes with DELETE only this project's dashboards: another project's and hand-made ones stay", async () => {
    const other = projectTag('dac-resource-other');
    await push(store, [{ json: dashboard('res-theirs', 'Theirs', [MANAGED_TAG, other]), folder: 'Resources' }], {
      ...opts,
      project: other,
    });
    local.dashboards.set('res-hand', { json: { uid: 'res-hand', title: 'Hand made', tags: ['hand'] }, folderUid: '', version: 1 });
    await push(store, [...items, { json: dashboard('res-orphan', 'Orphan'), folder: 'Resources' }], opts);
    local.requests.length = 0;
    const summary = await push(store, items, { ...opts, prune: true });
    expect(summary.items.filter((s) => s.action === 'delete').map((s) => s.uid)).toEqual(['res-orphan']);
    expect(writes(local).filter((q) => q.startsWith('DELETE'))).toEqual([
      'DELETE /apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards/res-orphan',
    ]);
    expect([...local.dashboards.keys()].sort()).toEqual(['res-a', 'res-b', 'res-hand', 'res-theirs']);
  });

  it('pages through a listing longer than one page with continue', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => ({ json: dashboard(`res-many-${i}`, `Many ${i}`), folder: 'Many' }));
    expect(await push(store, many, { ...opts, concurrency: 8 })).toMatchObject({ created: 1203 });
    local.requests.length = 0;
    expect(await push(store, many, { ...opts, concurrency: 8 })).toMatchObject({ unchanged: 1203 });
    expect(local.requests.filter((q) => q.includes('continue=')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('dac push --api (local stand-in, not Grafana)', () => {
  let project: ProjectCopy;
  beforeAll(() => {
    project = copyProject('dac-api-flag-');
  });
  afterAll(() => project?.remove());

  it('auto uses the resource API where discovery lists it, the classic API elsewhere; classic and resources force one', async () => {
    const modern = await startLocalGrafana({ token: TOKEN, k8s: true });
    const old = await startLocalGrafana({ token: TOKEN, k8s: false, version: '10.4.0' });
    try {
      const cli = (url: string, ...args: string[]) => dac(['push', '--grafana-url', url, ...args], { GRAFANA_TOKEN: TOKEN }, project.dir);
      const auto = await cli(modern.url);
      expect(auto.code).toBe(0);
      expect(auto.stdout).toMatch(
        /created 5, .* \(resource API \/apis\/dashboard\.grafana\.app\/v1beta1\/namespaces\/default\/dashboards\)/,
      );
      expect(writes(modern).filter((q) => q.includes('/api/dashboards/db'))).toEqual([]);
      expect((await cli(modern.url, '--api', 'classic')).stdout).toContain('created 0, updated 0, unchanged 5, deleted 0\n');
      modern.requests.length = 0;
      const diff = await dac(['diff', '--grafana-url', modern.url, '--prune'], { GRAFANA_TOKEN: TOKEN }, project.dir);
      expect(diff.stdout).toContain('no drift: 5 dashboard(s) match.');
      expect(diff.code).toBe(0);
      expect(
        modern.requests.filter((q) => q.startsWith('GET /apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards?')),
      ).toHaveLength(1);

      const classic = await cli(old.url);
      expect(classic.code).toBe(0);
      expect(writes(old).filter((q) => q.startsWith('POST /api/dashboards/db'))).toHaveLength(5);
      const forced = await cli(old.url, '--api', 'resources');
      expect(forced.code).toBe(2);
      expect(forced.stderr).toContain('does not offer the dashboard.grafana.app resource API');
      expect(forced.stderr).toContain('--api classic');
      const wrong = await cli(old.url, '--api', 'kubernetes');
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/classic, resources, auto/);
      for (const r of [auto, diff, classic, forced]) expect(r.stdout + r.stderr).not.toContain(TOKEN);
    } finally {
      await modern.close();
      await old.close();
    }
  }, 120_000);
});

describe('1000 dashboards through a faulty network, resource API (local stand-in)', () => {
  const secret = 'glsa_thousand_resources_secret_9999';
  const setup = thousandDashboardsSetup({ secret, k8s: true, prefix: 'dac-thousand-res-' });

  it('all land through the faults, a second push changes nothing, and the token is never printed', { timeout: 240_000 }, async () => {
    const local = setup.local();
    await pushThousandThroughFaults(local, {
      secret,
      // A save that finds the dashboard saved since it was read is a 409 on this API.
      isSave: (request) => request.startsWith('PUT /apis/'),
      push: () =>
        dac(
          ['push', '--prune', '--grafana-url', local.url, '--timeout', '0.5', '--api', 'resources', '--concurrency', '8'],
          { GRAFANA_TOKEN: secret },
          setup.project().dir,
        ),
      summarySuffix: ' (resource API',
    });
    expect(local.requests.filter((q) => q.startsWith('POST /api/dashboards/db'))).toEqual([]);
  });
});
