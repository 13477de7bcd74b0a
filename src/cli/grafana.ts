/** `dac diff` and `dac push`: generated dashboards against a live Grafana. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { GrafanaClient, type DashboardJson } from '../deliver/grafana/client.js';
import { authFromEnv, GrafanaHttpError } from '../deliver/grafana/http.js';
import { plan, push, type Deliverable } from '../deliver/grafana/push.js';
import { buildProject } from '../pipeline.js';

export interface GrafanaFlags {
  grafanaUrl?: string;
  caFile?: string;
  insecure?: boolean;
  timeout: string;
  orgId?: string;
}

export function addGrafanaOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--grafana-url <url>', 'Grafana base URL').env('GRAFANA_URL'))
    .option('--ca-file <pem>', 'CA certificate that signed Grafana’s TLS certificate')
    .option('--insecure', 'skip TLS certificate verification (only for test servers)')
    .option('--timeout <seconds>', 'per-request timeout', '15')
    .addOption(new Option('--org-id <id>', 'Grafana organisation id').env('GRAFANA_ORG_ID'));
}

export class UsageError extends Error {}

/** A flag that must be a positive number (a whole one when `integer`); anything else is a usage error. */
export function positiveFlag(flag: string, raw: string, integer: boolean): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw new UsageError(`${flag} must be a positive ${integer ? 'whole number' : 'number'}, got "${raw}"`);
  return n;
}

export function clientFrom(flags: GrafanaFlags): GrafanaClient {
  if (!flags.grafanaUrl) throw new UsageError('no Grafana URL: pass --grafana-url or set GRAFANA_URL');
  const timeoutMs = positiveFlag('--timeout', flags.timeout, false) * 1000;
  const orgId = flags.orgId === undefined ? undefined : positiveFlag('--org-id', flags.orgId, true);
  try {
    return new GrafanaClient({
      url: flags.grafanaUrl,
      auth: authFromEnv(),
      ...(flags.caFile ? { caFile: flags.caFile } : {}),
      insecure: Boolean(flags.insecure),
      timeoutMs,
      ...(orgId === undefined ? {} : { orgId }),
    });
  } catch (err) {
    // A URL that is not http(s), or a --ca-file that cannot be read.
    const unreadable = (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EACCES';
    throw new UsageError(unreadable ? `cannot read --ca-file ${flags.caFile}: ${(err as Error).message}` : (err as Error).message);
  }
}

export async function deliverables(dir: string): Promise<Deliverable[]> {
  const { model } = await buildProject(path.resolve(dir));
  return model.dashboards.map((d) => ({ json: d.json as unknown as DashboardJson, folder: d.service.grafanaFolder }));
}

function commitMessage(dir: string): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return `dac push from commit ${commit}`;
  } catch {
    return 'dac push';
  }
}

async function guarded(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof GrafanaHttpError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

export function registerGrafanaCommands(program: Command): void {
  const dir = () => program.opts<{ dir: string }>().dir;
  addGrafanaOptions(program.command('diff'))
    .description('compare the generated dashboards with a live Grafana (ignores id, version and server metadata); exit 1 on drift')
    .option('--prune', 'also report dac-tagged dashboards that are no longer defined')
    .addHelpText('after', '\nExample:\n  $ GRAFANA_TOKEN=… dac diff --grafana-url https://grafana.example.com\n')
    .action(async (flags: GrafanaFlags & { prune?: boolean }) => {
      process.exitCode = await guarded(async () => {
        const client = clientFrom(flags);
        await client.checkCredentials();
        const steps = await plan(client, await deliverables(dir()), { prune: Boolean(flags.prune), concurrency: 4 });
        for (const s of steps.filter((x) => x.action !== 'unchanged')) {
          process.stdout.write(`${s.action.padEnd(7)} ${s.uid} (${s.title})\n`);
          if (s.diff) process.stdout.write(`${s.diff.replace(/^/gm, '    ')}\n`);
        }
        const drift = steps.filter((s) => s.action !== 'unchanged').length;
        process.stdout.write(drift === 0 ? `no drift: ${steps.length} dashboard(s) match.\n` : `\n${drift} dashboard(s) differ.\n`);
        return drift === 0 ? 0 : 1;
      });
    });
  addGrafanaOptions(program.command('push'))
    .description('create or update the generated dashboards in Grafana by uid, folders included; idempotent')
    .option('--prune', 'delete dashboards tagged "dac" that are no longer defined')
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .addHelpText('after', '\nExample:\n  $ GRAFANA_TOKEN=… dac push --grafana-url https://grafana.example.com --prune\n')
    .action(async (flags: GrafanaFlags & { prune?: boolean; concurrency: string }) => {
      process.exitCode = await guarded(async () => {
        const concurrency = positiveFlag('--concurrency', flags.concurrency, true);
        const client = clientFrom(flags);
        await client.checkCredentials();
        const summary = await push(client, await deliverables(dir()), {
          prune: Boolean(flags.prune),
          concurrency,
          message: commitMessage(path.resolve(dir())),
        });
        for (const s of summary.items.filter((x) => x.action !== 'unchanged'))
          process.stdout.write(`${s.action.padEnd(7)} ${s.uid} (${s.title})\n`);
        process.stdout.write(
          `created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, deleted ${summary.deleted}\n`,
        );
        return 0;
      });
    });
}
