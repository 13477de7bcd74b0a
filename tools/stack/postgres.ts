import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { freePort } from './net.js';
import { ITEMS_API_DIR } from './paths.js';
import { startProcess, type ManagedProcess } from './process.js';
import { waitUntil } from './wait.js';

export interface PostgresHandle {
  /** SQLAlchemy-style URL of the items_db database (trust auth, loopback). */
  url: string;
  port: number;
  process: ManagedProcess;
}

function postgresBinDir(): string {
  if (process.env['PG_BIN']) return process.env['PG_BIN'];
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL under ${root}: install the postgresql package`);
  return path.join(root, newest, 'bin');
}

function pgIsReady(bin: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      path.join(bin, 'pg_isready'),
      ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'items_db'],
      { timeout: 3_000 },
      (error) => resolve(!error),
    );
  });
}

/**
 * A throwaway cluster in `<runDir>/postgres` via examples/items-api/scripts/postgres.sh,
 * which drops to the postgres user when run as root. runDir must be traversable
 * by that user.
 */
export async function startPostgres(runDir: string, maxLifetimeSec: number): Promise<PostgresHandle> {
  const bin = postgresBinDir();
  const port = await freePort();
  const proc = startProcess({
    name: 'postgres',
    command: 'bash',
    args: [path.join(ITEMS_API_DIR, 'scripts', 'postgres.sh'), 'run', path.join(runDir, 'postgres'), String(port)],
    logDir: runDir,
    maxLifetimeSec,
    env: { ...process.env, PG_BIN: bin },
    // SIGINT is postgres' "fast" shutdown; SIGTERM would wait for the app's pooled connections.
    stopSignal: 'SIGINT',
  });
  await waitUntil('postgres to accept connections', () => pgIsReady(bin, port), {
    timeoutMs: 60_000,
    process: proc,
  });
  return { url: `postgresql://postgres@127.0.0.1:${port}/items_db`, port, process: proc };
}
