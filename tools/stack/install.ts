import { execFile } from 'node:child_process';
import path from 'node:path';

import { stackBinaries } from './binaries.js';
import { elapsedSince, say } from './log.js';
import { ITEMS_API_DIR, venvDir } from './paths.js';

export const SYSTEM_PACKAGES = ['prometheus', 'prometheus-alertmanager', 'postgresql'] as const;

const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;

/** Runs a setup script, failing with its output; installs are bounded too. */
function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      script,
      args,
      { cwd: ITEMS_API_DIR, env, timeout: INSTALL_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${path.basename(script)} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
        else resolve();
      },
    );
  });
}

/** Debian packages, installed only when missing (scripts/ensure-apt.sh). */
export async function ensureSystemPackages(packages: readonly string[] = SYSTEM_PACKAGES): Promise<void> {
  const start = Date.now();
  await runScript(path.join(ITEMS_API_DIR, 'scripts', 'ensure-apt.sh'), packages);
  say(`system packages ready (${packages.join(', ')}) in ${elapsedSince(start)}`);
}

/** The Items API virtualenv (examples/items-api/setup.sh; a no-op when current). */
export async function ensureVenv(options: { withLocust?: boolean } = {}): Promise<string> {
  const start = Date.now();
  const env = { ...process.env, ITEMS_API_VENV: venvDir(), ITEMS_API_WITH_LOCUST: options.withLocust ? '1' : '0' };
  await runScript(path.join(ITEMS_API_DIR, 'setup.sh'), [], env);
  say(`python venv ready at ${venvDir()} in ${elapsedSince(start)}`);
  return venvDir();
}

export async function ensureInstalled(options: { withLocust?: boolean } = {}): Promise<void> {
  await ensureSystemPackages();
  await ensureVenv(options);
  const start = Date.now();
  const bin = stackBinaries();
  say(`Prometheus ${bin.generation} ready (${path.dirname(bin.prometheus)}) in ${elapsedSince(start)}`);
}
