/**
 * The real Grafana server built from its Go module by build-grafana.sh, started on loopback with a
 * fresh SQLite database and an Admin service-account token, and stopped by the test that started it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

export interface RealGrafana {
  url: string;
  token: string;
  /** The admin's password, for basic auth. */
  adminPassword: string;
  version: string;
  stop(): Promise<void>;
}

/** Where build-grafana.sh leaves its build, for the version this project pins. */
export function builtGrafanaEnv(): string | undefined {
  const cache = process.env.DAC_CACHE ?? path.join(homedir(), '.cache/dac');
  if (!existsSync(cache)) return undefined;
  const envFile = path.join(cache, 'grafana-10.0.0-preview-81d85ce8', 'env');
  return existsSync(envFile) ? envFile : undefined;
}

export async function startRealGrafana(): Promise<RealGrafana> {
  const { stdout } = await run('bash', [path.join(here, 'start-grafana.sh')], { encoding: 'utf8', timeout: 180_000 });
  const env = Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!.replace(/^'(.*)'$/, '$1')]),
  );
  if (!env.GRAFANA_URL || !env.GRAFANA_TOKEN || !env.GRAFANA_DIR || !env.GRAFANA_ADMIN_PASSWORD)
    throw new Error(`start-grafana.sh printed no URL/token:\n${stdout}`);
  const health = (await (await fetch(`${env.GRAFANA_URL}/api/health`)).json()) as { version: string };
  return {
    url: env.GRAFANA_URL,
    token: env.GRAFANA_TOKEN,
    adminPassword: env.GRAFANA_ADMIN_PASSWORD,
    version: health.version,
    stop: async () => {
      await run('bash', [path.join(here, 'start-grafana.sh'), '--stop', env.GRAFANA_DIR!], { timeout: 30_000 });
    },
  };
}
