import path from 'node:path';

import { fetchWithTimeout, freePort, httpOk } from './net.js';
import { ITEMS_API_DIR, venvPython } from './paths.js';
import { startProcess, type ManagedProcess } from './process.js';
import { waitUntil } from './wait.js';

/** Body of PUT /admin/faults; see examples/items-api/app/faults.py. */
export interface FaultSpec {
  error_ratio?: number | Record<string, number>;
  latency_seconds?: number | Record<string, number>;
  db_latency_seconds?: number;
}

export interface ItemsApiOptions {
  runDir: string;
  databaseUrl: string;
  maxLifetimeSec: number;
  version?: string;
  environment?: string;
}

export class ItemsApi {
  constructor(
    readonly url: string,
    readonly process: ManagedProcess,
  ) {}

  async setFaults(spec: FaultSpec): Promise<void> {
    await this.admin('PUT', JSON.stringify(spec));
  }

  async clearFaults(): Promise<void> {
    await this.admin('DELETE');
  }

  private async admin(method: string, body?: string): Promise<void> {
    const res = await fetchWithTimeout(`${this.url}/admin/faults`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      ...(body ? { body } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /admin/faults: HTTP ${res.status} ${text}`);
  }
}

export async function startItemsApi(options: ItemsApiOptions): Promise<ItemsApi> {
  const port = await freePort();
  const proc = startProcess({
    name: 'items-api',
    command: venvPython(),
    args: ['-m', 'uvicorn', 'app.main:app', '--host', '127.0.0.1', '--port', String(port), '--no-access-log'],
    cwd: ITEMS_API_DIR,
    logDir: options.runDir,
    maxLifetimeSec: options.maxLifetimeSec,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      APP_VERSION: options.version ?? '1.0.0',
      APP_ENVIRONMENT: options.environment ?? 'e2e',
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('items-api /healthz and /metrics', async () => (await httpOk(`${url}/healthz`)) && httpOk(`${url}/metrics`), {
    timeoutMs: 60_000,
    process: proc,
  });
  return new ItemsApi(url, proc);
}

export function sqliteUrl(runDir: string): string {
  return `sqlite:///${path.join(runDir, 'items.db')}`;
}
