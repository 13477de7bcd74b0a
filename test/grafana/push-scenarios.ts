/**
 * What the delivery tests share between Grafana's two APIs (test/grafana-client.test.ts for the
 * classic one, test/grafana-resource-api.test.ts for Grafana 12's resource API): `dac` run as a
 * user runs it, a small dashboard, and the thousand dashboards pushed through a faulty network.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect } from 'vitest';
import type { DashboardJson } from '../../src/deliver/grafana/client.js';
import { copyProject, repoRoot, type ProjectCopy } from '../../tools/project-copy.js';
import { startLocalGrafana, type Fault, type LocalGrafana } from './local-grafana.js';

export interface DacRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** No credentials from the environment of whoever runs the tests. */
export const NO_AUTH = { GRAFANA_TOKEN: undefined, GRAFANA_USER: undefined, GRAFANA_PASSWORD: undefined, GRAFANA_URL: undefined };

/** `dac` as a user runs it; asynchronous, because the stand-in answers from this very process. */
export function runDac(args: string[], env: Record<string, string | undefined>, cwd = repoRoot): Promise<DacRun> {
  return promisify(execFile)(process.execPath, [path.join(cwd, 'bin/dac.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (ok) => ({ code: 0, ...ok }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}

/** A dashboard with one text panel, as small as Grafana accepts. */
export function textDashboard(uid: string, title: string, tags: string[]): DashboardJson {
  return {
    uid,
    title,
    tags,
    editable: false,
    panels: [{ id: 1, type: 'text', title: 'Notes', gridPos: { x: 0, y: 0, w: 24, h: 4 } }],
    schemaVersion: 42,
  };
}

/**
 * For the calling describe block: a stand-in that takes `secret` (with the resource API when `k8s`)
 * and a copy of the project with 200 services × the 5 dashboards of the default project, both
 * gone after the block.
 */
export function thousandDashboardsSetup(options: { secret: string; k8s?: boolean; prefix: string }): {
  local: () => LocalGrafana;
  project: () => ProjectCopy;
} {
  let local: LocalGrafana | undefined;
  let project: ProjectCopy | undefined;
  beforeAll(async () => {
    local = await startLocalGrafana({ token: options.secret, k8s: options.k8s });
    project = thousandDashboardProject(options.prefix);
  });
  afterAll(async () => {
    project?.remove();
    await local?.close();
  });
  return { local: () => local!, project: () => project! };
}

function thousandDashboardProject(prefix: string): ProjectCopy {
  const project = copyProject(prefix);
  const config = path.join(project.dir, 'dac.config.ts');
  writeFileSync(path.join(project.dir, 'dac.config.base.ts'), readFileSync(config, 'utf8'));
  writeFileSync(
    config,
    `import base from './dac.config.base.js';
import { defineConfig } from './src/index.js';
const template = base.services[0]!;
// The base config's teams own items-api by name; these services need no notifications.
const { alerting: _teams, ...rest } = base;
export default defineConfig({
  ...rest,
  services: Array.from({ length: 200 }, (_, i) => ({
    ...template,
    name: \`svc-\${String(i).padStart(3, '0')}\`,
    title: \`Service \${i}\`,
    selector: { job: \`svc-\${i}\` },
    grafanaFolder: \`Team \${i % 10}/Service \${i}\`,
  })),
});
`,
  );
  return project;
}

export interface ThousandPush {
  /** The save request of an existing dashboard on this API, e.g. `POST /api/dashboards/db`. */
  isSave: (request: string) => boolean;
  /** `dac push --prune` run in the project against the stand-in, with the fault-tolerant options. */
  push: () => Promise<DacRun>;
  /** What the first push's summary says, after "created 900, updated 100, unchanged 0, deleted 0". */
  summarySuffix?: string;
  secret: string;
}

/**
 * Pushes the thousand dashboards twice through faults and checks what holds on both APIs: all land,
 * the second push changes nothing, every kind of fault was met and survived, and the token is never
 * printed. Returns both runs for the API's own checks.
 */
export async function pushThousandThroughFaults(local: LocalGrafana, run: ThousandPush): Promise<[DacRun, DacRun]> {
  // A hundred of them are in Grafana already, with other content and in another folder: those
  // are updates, and some of their saves find that someone saved them since they were read.
  for (let i = 0; i < 200; i += 10)
    for (const id of ['http-overview', 'business', 'database', 'red', 'slo']) {
      const uid = `svc-${String(i).padStart(3, '0')}-${id}`;
      local.dashboards.set(uid, { json: { uid, title: `Old ${uid}`, tags: ['dac'], panels: [], version: 3 }, folderUid: '', version: 3 });
    }
  // Every 23rd request meets a fault, in turn: a cut-off answer, a reset, a 503, a stall past the
  // timeout, a 502; twice a 429 with Retry-After; and every 7th save of an existing dashboard
  // finds it saved by someone else since it was read.
  const kinds: Fault[] = [
    { kind: 'truncate' },
    { kind: 'reset' },
    { kind: 'status', status: 503 },
    { kind: 'stall' },
    { kind: 'status', status: 502 },
  ];
  let rateLimited = 0;
  let saves = 0;
  local.inject((n, request) => {
    if (run.isSave(request) && ++saves % 7 === 3) return { kind: 'conflict' };
    if (n % 23 !== 7) return undefined;
    if (Math.floor(n / 23) % 50 === 2 && rateLimited < 2) {
      rateLimited++;
      return { kind: 'status', status: 429, retryAfter: 1 };
    }
    return kinds[Math.floor(n / 23) % kinds.length];
  });

  const first = await run.push();
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(`created 900, updated 100, unchanged 0, deleted 0${run.summarySuffix ?? ''}`);
  expect(local.dashboards.size).toBe(1000);
  for (const d of local.dashboards.values()) expect(d.json.title).toMatch(/^Service \d+ \/ /);

  const second = await run.push();
  expect(second.stderr).toBe('');
  expect(second.stdout).toContain('created 0, updated 0, unchanged 1000, deleted 0');

  for (const kind of ['truncate', 'reset', 'status', 'stall', 'conflict'] as const) expect(local.served[kind], kind).toBeGreaterThan(0);
  expect(rateLimited).toBe(2);
  expect(local.earlyRetries()).toBe(0);
  for (const r of [first, second]) expect(r.stdout + r.stderr).not.toContain(run.secret);
  return [first, second];
}
