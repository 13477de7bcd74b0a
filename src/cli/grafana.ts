/** `dac diff` and `dac push`: generated dashboards against a live Grafana. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { GrafanaClient, type DashboardJson, type DashboardStore } from '../deliver/grafana/client.js';
import { ResourceStore } from '../deliver/grafana/resources.js';
import { authFromEnv, GrafanaHttpError } from '../deliver/grafana/http.js';
import {
  MANAGED_TAG,
  plan,
  push,
  PushFailed,
  survey,
  titleClashes,
  titleClashesWithin,
  type Deliverable,
  type PlanItem,
} from '../deliver/grafana/push.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { printDiagnostics } from './output.js';
import { printDiffJson, printFailureJson, printPushJson } from './grafana-json.js';
import { progress } from './progress.js';
import { DacError } from '../core/diagnostic.js';
import { buildProject } from '../pipeline.js';

export interface GrafanaFlags {
  grafanaUrl?: string;
  caFile?: string;
  insecure?: boolean;
  timeout: string;
  orgId?: string;
  namespace?: string;
}

export function addGrafanaOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--grafana-url <url>', 'Grafana base URL').env('GRAFANA_URL'))
    .option('--ca-file <pem>', 'CA certificate that signed Grafana’s TLS certificate')
    .option('--insecure', 'skip TLS certificate verification (only for test servers)')
    .option('--timeout <seconds>', 'per-request timeout', '15')
    .addOption(new Option('--org-id <id>', 'Grafana organisation id').env('GRAFANA_ORG_ID'))
    .addOption(
      new Option('--namespace <ns>', 'namespace of the resource API: stacks-<id> on Grafana Cloud (default: default, or org-<id>)').env(
        'GRAFANA_NAMESPACE',
      ),
    );
}

const API_MODES = ['classic', 'resources', 'auto'] as const;

/** `--api`: which of Grafana's dashboard APIs push and diff use. */
function addApiOption(cmd: Command): Command {
  return cmd.addOption(
    new Option(
      '--api <api>',
      'classic (/api/dashboards), resources (/apis/dashboard.grafana.app), or auto: resources where Grafana offers them',
    )
      .choices([...API_MODES])
      .default('auto'),
  );
}

/**
 * The API to talk to: the resource API when asked for or, with `auto`, when Grafana's discovery
 * (`GET /apis`) lists dashboard.grafana.app in a version whose spec is the classic JSON.
 */
export async function storeFor(client: GrafanaClient, api: string): Promise<DashboardStore> {
  if (api === 'classic') return client;
  const target = await client.k8sDashboardApi();
  if (target) return new ResourceStore(client, target);
  if (api === 'resources')
    throw new UsageError(
      `Grafana at ${client.http.base} does not offer the dashboard.grafana.app resource API (Grafana 12 and later do): use --api classic or auto`,
    );
  return client;
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
      ...(flags.namespace ? { namespace: flags.namespace } : {}),
    });
  } catch (err) {
    // A URL that is not http(s), or a --ca-file that cannot be read.
    const unreadable = (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EACCES';
    throw new UsageError(unreadable ? `cannot read --ca-file ${flags.caFile}: ${(err as Error).message}` : (err as Error).message);
  }
}

export interface Delivery {
  items: Deliverable[];
  /** The project's tag: what `--prune` may delete. */
  project: string;
  /** uid → the module that defines it, to locate errors about a dashboard. */
  sources: Map<string, string>;
}

export async function deliverables(dir: string): Promise<Delivery> {
  const { model } = await buildProject(path.resolve(dir));
  return {
    items: model.dashboards.map((d) => ({ json: d.json as unknown as DashboardJson, folder: d.service.grafanaFolder })),
    project: model.project?.tag ?? MANAGED_TAG,
    sources: new Map(model.dashboards.map((d) => [d.ref.uid, d.source])),
  };
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

/** Could not ask (unreachable, refused credentials, failing server) is 2, like a missing tool; a refusal is 1. */
const exitFor = (err: GrafanaHttpError): 1 | 2 => (err.kind === 'refused' ? 1 : 2);

/** A Grafana failure as a located finding: the dashboard's module where it is about one, else Grafana itself. */
export function grafanaDiagnostic(err: GrafanaHttpError, grafana: string, sources: Map<string, string>): Diagnostic {
  const uid = /^dashboard (\S+)/.exec(err.subject ?? '')?.[1];
  const file = (uid && sources.get(uid)) ?? grafana;
  return {
    severity: 'error',
    check: `grafana/${err.kind}`,
    where: { file, path: uid ? [`dashboard ${uid}`] : [] },
    message: err.message,
    ...(err.fix ? { hint: err.fix } : {}),
  };
}

const line = (action: string, uid: string, title: string) => `${action.padEnd(7)} ${uid} (${title})\n`;

function printDone(done: readonly PlanItem[], folders: readonly { uid: string; title: string }[]): void {
  for (const f of folders) process.stdout.write(line('create', `folder ${f.uid}`, f.title));
  for (const s of done) process.stdout.write(line(s.action, s.uid, s.title));
}

/** `pushed 120/1000 changes…` on a terminal (src/cli/progress.ts); a short push needs none. */
function pushProgress(): { update: (done: number, total: number) => void; end: () => void } {
  const bar = progress();
  return { update: (done, total) => total >= 20 && bar.count('pushed', done, total, 'changes'), end: () => bar.end() };
}

const FORMAT = () =>
  new Option('--format <format>', 'output format (json: one document on stdout)').choices(['human', 'json']).default('human');

/** What a failure report needs to locate its findings: Grafana's URL, and each dashboard's module. */
class Session {
  grafana = 'grafana';
  readonly sources = new Map<string, string>();

  async connect(flags: GrafanaFlags, dir: string): Promise<{ client: GrafanaClient; delivery: Delivery }> {
    const client = clientFrom(flags);
    this.grafana = client.http.base;
    await client.checkCredentials();
    const delivery = await deliverables(dir);
    for (const [uid, source] of delivery.sources) this.sources.set(uid, source);
    return { client, delivery };
  }
}

async function guarded(run: (session: Session) => Promise<number>, json = false): Promise<number> {
  const session = new Session();
  const report = (errors: GrafanaHttpError[]) =>
    printDiagnostics(errors.map((e) => grafanaDiagnostic(e, session.grafana, session.sources)));
  try {
    return await run(session);
  } catch (err) {
    if (json) {
      const failed = jsonFailure(err, session);
      if (failed === undefined) throw err;
      return failed;
    }
    if (err instanceof PushFailed) {
      printDone(err.done, err.folders);
      const count = (a: string) => err.done.filter((s) => s.action === a).length;
      process.stdout.write(
        `push stopped: created ${count('create')}, updated ${count('update')}, deleted ${count('delete')} before it stopped; ${err.skipped} change(s) not tried\n`,
      );
      report(err.failures);
      return Math.max(...err.failures.map(exitFor));
    }
    if (err instanceof GrafanaHttpError) {
      report([err]);
      return exitFor(err);
    }
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/** The exit code of a failure reported as JSON, or undefined for a dac bug (thrown on). */
function jsonFailure(err: unknown, session: Session): number | undefined {
  const located = (errors: GrafanaHttpError[]) => errors.map((e) => grafanaDiagnostic(e, session.grafana, session.sources));
  if (err instanceof PushFailed) {
    printFailureJson(located(err.failures), err);
    return Math.max(...err.failures.map(exitFor));
  }
  if (err instanceof GrafanaHttpError) {
    printFailureJson(located([err]));
    return exitFor(err);
  }
  if (err instanceof UsageError) {
    printFailureJson([{ severity: 'error', check: 'usage', where: { file: '', path: [] }, message: err.message }]);
    return 2;
  }
  if (err instanceof DacError) {
    printFailureJson(err.diagnostics);
    return err.exitCode;
  }
  return undefined;
}

export function registerGrafanaCommands(program: Command): void {
  const dir = () => program.opts<{ dir: string }>().dir;
  addApiOption(addGrafanaOptions(program.command('diff')))
    .description('compare the generated dashboards with a live Grafana (ignores id, version and server metadata); exit 1 on drift')
    .option('--prune', 'also report dashboards of this project that are no longer defined')
    .addHelpText(
      'after',
      '\nExit codes: 0 no drift, 1 drift, 2 Grafana unreachable, credentials refused or a usage error.\n\nExample:\n  $ GRAFANA_TOKEN=… dac diff --grafana-url https://grafana.example.com\n',
    )
    .addOption(FORMAT())
    .action(async (flags: GrafanaFlags & { prune?: boolean; api: string; format: string }) => {
      const json = flags.format === 'json';
      process.exitCode = await guarded(async (session) => {
        const { client, delivery } = await session.connect(flags, dir());
        const steps = await plan(await storeFor(client, flags.api), delivery.items, {
          prune: Boolean(flags.prune),
          concurrency: 4,
          project: delivery.project,
        });
        if (json) {
          printDiffJson(steps);
          return steps.every((s) => s.action === 'unchanged') ? 0 : 1;
        }
        for (const s of steps.filter((x) => x.action !== 'unchanged')) {
          process.stdout.write(line(s.action, s.uid, s.title));
          if (s.diff) process.stdout.write(`${s.diff.replace(/^/gm, '    ')}\n`);
        }
        const drift = steps.filter((s) => s.action !== 'unchanged').length;
        process.stdout.write(drift === 0 ? `no drift: ${steps.length} dashboard(s) match.\n` : `\n${drift} dashboard(s) differ.\n`);
        return drift === 0 ? 0 : 1;
      }, json);
    });
  addApiOption(addGrafanaOptions(program.command('push')))
    .description('create or update the generated dashboards in Grafana by uid, folders included; idempotent')
    .option('--prune', 'delete dashboards of this project (tagged dac-project:<project>) that are no longer defined')
    .option('--dry-run', 'print what a push would do, and write nothing')
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .addHelpText(
      'after',
      '\nExit codes: 0 pushed, 1 Grafana refused a dashboard (a title clash, a change made in Grafana meanwhile), 2 Grafana\nunreachable, credentials refused or a usage error. A push that stops prints what it changed first.\n\nExample:\n  $ GRAFANA_TOKEN=… dac push --grafana-url https://grafana.example.com --prune\n',
    )
    .addOption(FORMAT())
    .action(async (flags: GrafanaFlags & { prune?: boolean; dryRun?: boolean; concurrency: string; api: string; format: string }) => {
      const json = flags.format === 'json';
      process.exitCode = await guarded(async (session) => {
        const concurrency = positiveFlag('--concurrency', flags.concurrency, true);
        const { client: connected, delivery } = await session.connect(flags, dir());
        const client = await storeFor(connected, flags.api);
        const opts = { prune: Boolean(flags.prune), concurrency, project: delivery.project };
        if (flags.dryRun) {
          const within = titleClashesWithin(delivery.items);
          if (within.length > 0) throw new PushFailed(within, [], [], 0);
          const found = await survey(client, delivery.items, opts);
          const { steps } = found;
          const clashes = titleClashes(delivery.items, found);
          if (json) {
            if (clashes.length > 0) throw new PushFailed(clashes, [], [], 0);
            printPushJson(steps, [], { dryRun: true });
            return 0;
          }
          for (const s of steps.filter((x) => x.action !== 'unchanged')) process.stdout.write(line(s.action, s.uid, s.title));
          const count = (a: string) => steps.filter((s) => s.action === a).length;
          process.stdout.write(
            `dry run: would create ${count('create')}, update ${count('update')}, delete ${count('delete')}, leave ${count('unchanged')} unchanged; nothing was written\n`,
          );
          if (clashes.length > 0) throw new PushFailed(clashes, [], [], 0);
          return 0;
        }
        const bar = pushProgress();
        let summary;
        try {
          summary = await push(client, delivery.items, { ...opts, message: commitMessage(path.resolve(dir())), onProgress: bar.update });
        } finally {
          bar.end();
        }
        if (json) {
          printPushJson(summary.items, summary.folders, client instanceof ResourceStore ? { api: client.base } : {});
          return 0;
        }
        printDone(
          summary.items.filter((x) => x.action !== 'unchanged'),
          summary.folders,
        );
        const via = client instanceof ResourceStore ? ` (resource API ${client.base})` : '';
        process.stdout.write(
          `created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, deleted ${summary.deleted}${via}\n`,
        );
        return 0;
      }, json);
    });
}
