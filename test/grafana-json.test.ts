/**
 * `dac diff --format json` and `dac push --format json`, against the local stand-in of Grafana's
 * HTTP API (test/grafana/local-grafana.ts: written from Grafana's public API documentation; a
 * stand-in, not Grafana). One JSON document on stdout, whatever the outcome, for CI scripts.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, type ProjectCopy } from '../tools/project-copy.js';
import { startLocalGrafana, type LocalGrafana } from './grafana/local-grafana.js';

const TOKEN = 'glsa_local_json_token_0123456789';
const NO_AUTH = { GRAFANA_TOKEN: undefined, GRAFANA_USER: undefined, GRAFANA_PASSWORD: undefined, GRAFANA_URL: undefined };

interface Doc {
  ok: boolean;
  [key: string]: unknown;
}

describe('diff and push as JSON (local stand-in of Grafana, not Grafana)', () => {
  let local: LocalGrafana;
  let project: ProjectCopy;
  /** Asynchronous: the stand-in answers from this very process. */
  const dac = async (args: string[], token = TOKEN): Promise<{ code: number; doc: Doc; stderr: string }> => {
    const r = await promisify(execFile)(process.execPath, [path.join(project.dir, 'bin/dac.js'), ...args, '--grafana-url', local.url], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...NO_AUTH, GRAFANA_TOKEN: token },
    }).then(
      (ok) => ({ code: 0, ...ok }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
    return { code: r.code, doc: JSON.parse(r.stdout) as Doc, stderr: r.stderr };
  };

  beforeAll(async () => {
    local = await startLocalGrafana({ token: TOKEN });
    project = copyProject('dac-grafana-json-');
  });
  afterAll(async () => {
    await local?.close();
    project?.remove();
  });

  it('diff before any push: every dashboard to create, exit 1', async () => {
    const r = await dac(['diff', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.doc).toMatchObject({ ok: false, drift: 5, unchanged: 0 });
    expect(r.doc.dashboards).toContainEqual(
      expect.objectContaining({ action: 'create', uid: 'items-api-red', title: 'Items API / RED Metrics' }),
    );
  }, 120_000);

  it('push --dry-run, then push: the counts, the folders made and each dashboard, exit 0', async () => {
    const dry = await dac(['push', '--dry-run', '--format', 'json']);
    expect(dry).toMatchObject({ code: 0, doc: { ok: true, dryRun: true, created: 5, updated: 0, deleted: 0 } });
    const pushed = await dac(['push', '--format', 'json']);
    expect(pushed.code).toBe(0);
    expect(pushed.doc).toMatchObject({ ok: true, created: 5, updated: 0, unchanged: 0, deleted: 0 });
    expect((pushed.doc.folders as unknown[]).length).toBeGreaterThan(0);
    expect(pushed.doc.dashboards).toHaveLength(5);
    const again = await dac(['push', '--format', 'json']);
    expect(again.doc).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 5, dashboards: [], folders: [] });
  }, 120_000);

  it('diff after a change to a definition: the one dashboard, with its unified diff', async () => {
    const red = path.join(project.dir, 'dashboards/red.ts');
    writeFileSync(red, readFileSync(red, 'utf8').replace("title: 'RED Metrics'", "title: 'RED Metrics, renamed'"));
    const r = await dac(['diff', '--format', 'json']);
    expect(r.code).toBe(1);
    const changed = (r.doc.dashboards as { action: string; uid: string; diff?: string }[]).find((d) => d.uid === 'items-api-red')!;
    expect(changed.action).toBe('update');
    expect(changed.diff).toContain('RED Metrics, renamed');
  }, 120_000);

  it('a refused token: ok false and a located finding, still JSON, exit 2; the token is never printed', async () => {
    const r = await dac(['push', '--format', 'json'], 'glsa_wrong_token_secret_value');
    expect(r.code).toBe(2);
    expect(r.doc.ok).toBe(false);
    expect(r.doc.diagnostics).toEqual([expect.objectContaining({ severity: 'error', check: expect.stringMatching(/^grafana\//) })]);
    expect(JSON.stringify(r.doc)).not.toContain('glsa_wrong_token_secret_value');
    expect(r.stderr).toBe('');
  }, 120_000);
});
