/**
 * The Go example service of examples/native-api (client_golang, native histograms): built into
 * ~/.cache/dac by its build.sh only when missing, started on loopback, and driven by a request
 * loop running in this Node process.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { fetchWithTimeout, freePort, httpOk } from './net.js';
import { REPO_ROOT } from './paths.js';
import { startProcess, type ManagedProcess } from './process.js';
import { waitUntil } from './wait.js';

export const NATIVE_API_DIR = path.join(REPO_ROOT, 'examples', 'native-api');

/** What POST /admin/fault accepts; `{}` clears every fault. */
export interface NativeFault {
  latencySeconds?: number;
  errorRatio?: number;
}

export interface NativeApi {
  url: string;
  process: ManagedProcess;
  setFault(fault: NativeFault): Promise<void>;
  clearFault(): Promise<void>;
}

/** Path of the built binary; builds it first when the cache has none for these sources (about a minute). */
export function nativeApiBinary(): string {
  return execFileSync('bash', [path.join(NATIVE_API_DIR, 'build.sh'), '--print-path'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
  }).trim();
}

export async function startNativeApi(options: { runDir: string; maxLifetimeSec: number }): Promise<NativeApi> {
  const binary = nativeApiBinary();
  const listen = `127.0.0.1:${await freePort()}`;
  const proc = startProcess({
    name: 'native-api',
    command: binary,
    args: [`-listen=${listen}`],
    logDir: options.runDir,
    maxLifetimeSec: options.maxLifetimeSec,
  });
  const url = `http://${listen}`;
  await waitUntil('native-api /healthz', () => httpOk(`${url}/healthz`), { timeoutMs: 30_000, process: proc });
  const setFault = async (fault: NativeFault): Promise<void> => {
    const res = await fetchWithTimeout(`${url}/admin/fault`, { method: 'POST', body: JSON.stringify(fault) });
    if (!res.ok) throw new Error(`native-api POST /admin/fault ${JSON.stringify(fault)}: HTTP ${res.status} ${await res.text()}`);
  };
  return { url, process: proc, setFault, clearFault: () => setFault({}) };
}

export interface NodeTraffic {
  /** Answers by `METHOD route status` (or `METHOD route failed` when no answer came). */
  readonly answers: Map<string, number>;
  stop(): Promise<void>;
}

/**
 * Open-loop traffic: a request every 1/rps seconds whatever the answers' latency (up to
 * `maxInFlight` at once), so injected latency never lowers the request rate. Mostly reads, one
 * missing item in ten reads (404), one create in ten requests. Stops by itself after `durationSec`.
 */
export function startNodeTraffic(baseUrl: string, options: { rps: number; maxInFlight: number; durationSec: number }): NodeTraffic {
  const answers = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  let sent = 0;
  const count = (key: string): void => void answers.set(key, (answers.get(key) ?? 0) + 1);

  const send = (): void => {
    if (pending.size >= options.maxInFlight) return count('skipped: too many in flight');
    const n = sent++;
    const slot = n % 10;
    const [method, route, url, body] =
      slot < 5
        ? ['GET', '/items', '/items', undefined]
        : slot < 8
          ? ['GET', '/items/{id}', `/items/${1 + (n % 3)}`, undefined]
          : slot === 8
            ? ['GET', '/items/{id}', '/items/999999', undefined]
            : ['POST', '/items', '/items', JSON.stringify({ name: `item-${n}`, price: 1.5 })];
    const request = fetchWithTimeout(
      `${baseUrl}${url}`,
      { method, ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}) },
      30_000,
    )
      .then(async (res) => {
        await res.arrayBuffer();
        count(`${method} ${route} ${res.status}`);
      })
      .catch(() => count(`${method} ${route} failed`))
      .finally(() => pending.delete(request));
    pending.add(request);
  };

  const timer = setInterval(send, 1000 / options.rps);
  const stopTimer = setTimeout(() => clearInterval(timer), options.durationSec * 1000);
  let stopping: Promise<void> | undefined;
  return {
    answers,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        clearTimeout(stopTimer);
        await Promise.allSettled([...pending]);
      })();
      return stopping;
    },
  };
}
