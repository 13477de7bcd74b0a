/** `dac preview`: see every emitted dashboard without a Grafana. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  dashboardsFromFiles,
  PrometheusSource,
  PrometheusUnreachable,
  renderPreview,
  SyntheticSource,
  type DashboardJson,
  type PreviewResult,
  type QueryFailure,
} from '../deliver/preview/index.js';
import type { DataSource } from '../deliver/preview/data.js';
import { changedDashboards, dashboardsAt } from '../deliver/preview/changed.js';
import { BrowserMissing, openBrowser } from '../deliver/preview/screenshot.js';
import { RELOAD_SCRIPT, servePreview } from '../deliver/preview/serve.js';
import { parseDuration, parseTimeBound } from '../deliver/preview/grafana/time.js';
import type { ModuleCache } from '../definitions/load.js';
import { buildProject } from '../pipeline.js';
import { printDiagnostics } from './output.js';
import { progress } from './progress.js';
import { positiveFlag, UsageError } from './grafana.js';

interface PreviewFlags {
  outDir: string;
  out: string;
  prometheusUrl?: string;
  timeout: string;
  scrapeInterval: string;
  at?: string;
  from?: string;
  to?: string;
  png?: string;
  changedSince?: string;
  serve?: boolean;
  port: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const rel = (p: string) => path.relative(process.cwd(), p) || '.';

function sourceFrom(flags: PreviewFlags): DataSource {
  if (!flags.prometheusUrl) return new SyntheticSource();
  const timeoutMs = positiveFlag('--timeout', flags.timeout, false) * 1000;
  try {
    return new PrometheusSource({ url: flags.prometheusUrl, timeoutMs });
  } catch (err) {
    throw new UsageError(`--prometheus-url: ${(err as Error).message}`);
  }
}

function nowFrom(flags: PreviewFlags): number {
  if (!flags.at) return Date.now();
  try {
    return parseTimeBound(flags.at, Date.now());
  } catch {
    throw new UsageError(`--at must be an ISO date or epoch milliseconds, got "${flags.at}"`);
  }
}

/** `--from`/`--to`: Grafana's time-picker syntax (now-15m, an ISO date, epoch ms), checked before any query runs. */
function timeRangeFrom(flags: PreviewFlags): { from?: string; to?: string } | undefined {
  if (flags.from === undefined && flags.to === undefined) return undefined;
  for (const [flag, value] of [
    ['--from', flags.from],
    ['--to', flags.to],
  ] as const) {
    if (value === undefined) continue;
    try {
      parseTimeBound(value, Date.now());
    } catch {
      throw new UsageError(`${flag} must be now, now-<duration> (e.g. now-15m), an ISO date or epoch milliseconds, got "${value}"`);
    }
  }
  return { ...(flags.from !== undefined ? { from: flags.from } : {}), ...(flags.to !== undefined ? { to: flags.to } : {}) };
}

function printFailures(failures: readonly QueryFailure[]): void {
  printDiagnostics(
    failures.map((f) => ({
      severity: 'error' as const,
      check: 'preview/query',
      where: { file: `dashboard ${f.uid}`, path: [`panel "${f.panel}"`] },
      message: f.message,
      hint: 'run the query in Prometheus to see why; the panel shows the same error',
    })),
  );
}

async function screenshots(results: Array<{ result: PreviewResult; pngDir: string }>): Promise<string[]> {
  const problems: string[] = [];
  const browser = await openBrowser();
  try {
    for (const { result, pngDir } of results) {
      mkdirSync(pngDir, { recursive: true });
      for (const page of result.pages) {
        const shot = await browser.shoot(page.file, path.join(pngDir, `${path.basename(page.file, '.html')}.png`));
        for (const e of [...shot.consoleErrors, ...(shot.state?.errors ?? [])]) problems.push(`${page.uid}: ${e}`);
        say(`picture ${rel(shot.png)}`);
      }
    }
  } finally {
    await browser.close();
  }
  return problems;
}

export async function runPreview(dir: string, flags: PreviewFlags): Promise<number> {
  const root = path.resolve(dir);
  const outDir = path.resolve(flags.outDir);
  const source = sourceFrom(flags);
  const nowMs = nowFrom(flags);
  const timeRange = timeRangeFrom(flags);
  let scrapeIntervalMs: number;
  try {
    scrapeIntervalMs = parseDuration(flags.scrapeInterval);
  } catch {
    throw new UsageError(`--scrape-interval must be a duration such as 15s, got "${flags.scrapeInterval}"`);
  }
  // Node caches a module by its URL: each rebuild of --serve imports the definitions afresh under a new generation.
  const modules: ModuleCache = { exports: new Map(), generation: 0 };
  const build = async (): Promise<DashboardJson[]> => {
    const { files, diagnostics } = await buildProject(root, modules);
    printDiagnostics(diagnostics.filter((d) => d.severity === 'error'));
    return dashboardsFromFiles(files);
  };
  const render = async (dashboards: readonly DashboardJson[], into: string, liveReload?: string) => {
    // `previewing 3/40 dashboards…` on a terminal while the queries run; cleared before results print.
    const bar = progress();
    try {
      return await renderPreview(dashboards, {
        outDir: into,
        source,
        nowMs,
        scrapeIntervalMs,
        ...(timeRange ? { timeRange } : {}),
        ...(liveReload ? { liveReload } : {}),
        onProgress: (done, total) => bar.count('previewing', done, total, 'dashboards'),
      });
    } finally {
      bar.end();
    }
  };

  try {
    const dashboards = await build();
    const runs: Array<{ result: PreviewResult; pngDir: string }> = [];
    if (flags.changedSince) {
      const changes = changedDashboards(dashboardsAt(root, flags.out, flags.changedSince), dashboards);
      if (changes.length === 0) say(`no dashboard changed since ${flags.changedSince}`);
      for (const c of changes) say(`${c.change.padEnd(8)} ${c.uid}`);
      const before = await render(
        changes.flatMap((c) => (c.before ? [c.before] : [])),
        path.join(outDir, 'before'),
      );
      const after = await render(
        changes.flatMap((c) => (c.after ? [c.after] : [])),
        path.join(outDir, 'after'),
      );
      runs.push(
        { result: before, pngDir: path.join(flags.png ?? outDir, 'before') },
        { result: after, pngDir: path.join(flags.png ?? outDir, 'after') },
      );
      printFailures(after.failures);
      say(`wrote before/after pages of ${changes.length} changed dashboard(s) to ${rel(outDir)}`);
      if (flags.png) await reportShots(await screenshots(runs));
      return after.failures.length > 0 ? 1 : 0;
    }
    const result = await render(dashboards, outDir, flags.serve ? RELOAD_SCRIPT : undefined);
    say(`wrote ${result.pages.length} dashboard page(s) and index.html to ${rel(outDir)}${source.synthetic ? ' (synthetic data)' : ''}`);
    printFailures(result.failures);
    let problems: string[] = [];
    if (flags.png) problems = await screenshots([{ result, pngDir: path.resolve(flags.png) }]);
    await reportShots(problems);
    if (flags.serve)
      return await serve(root, outDir, flags, async () => {
        modules.exports.clear();
        modules.generation++;
        await render(await build(), outDir, RELOAD_SCRIPT);
      });
    return result.failures.length > 0 || problems.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof PrometheusUnreachable || err instanceof BrowserMissing) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

async function reportShots(problems: readonly string[]): Promise<void> {
  for (const p of problems) process.stderr.write(`error: page script: ${p}\n`);
}

async function serve(root: string, outDir: string, flags: PreviewFlags, rebuild: () => Promise<void>): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${flags.port}"`);
  const server = await servePreview({
    root: outDir,
    port,
    watch: ['dac.config.ts', 'dashboards', 'rules'].map((p) => path.join(root, p)),
    rebuild,
    log: (line) => say(line),
  });
  say(`serving ${server.url} (Ctrl-C to stop); rebuilding when dac.config.ts, dashboards/ or rules/ change`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

export function registerPreviewCommand(program: Command): void {
  program
    .command('preview')
    .description('render every dashboard as a self-contained HTML page (and PNG), laid out as Grafana lays it out')
    .option('--out-dir <dir>', 'folder for the pages', 'dac-preview')
    .option('-o, --out <dir>', 'the output folder the build writes, for --changed-since', 'out')
    .addOption(new Option('--prometheus-url <url>', 'run every query against this Prometheus (else synthetic data)').env('PROMETHEUS_URL'))
    .option('--timeout <seconds>', 'per-request timeout for Prometheus', '15')
    .option('--scrape-interval <duration>', "the data source's scrape interval, as Grafana's $__rate_interval uses it", '15s')
    .option('--at <time>', 'the dashboards\' "now" (ISO date or epoch ms), for reproducible pictures')
    .option('--from <time>', "every dashboard's time range starts here instead of its own (e.g. now-15m)")
    .option('--to <time>', "every dashboard's time range ends here instead of its own (e.g. now)")
    .option('--png <dir>', 'also write a PNG of each page, from headless Chromium')
    .option('--changed-since <ref>', 'only dashboards that differ from the committed out/ at this git ref: before/ and after/ pages')
    .option('--serve', 'serve the pages on 127.0.0.1 and rebuild them when a definition changes')
    .option('--port <port>', 'port for --serve (0: any free port)', '3210')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ dac preview                                    synthetic data, pages in dac-preview/',
        '  $ dac preview --prometheus-url http://localhost:9090 --png shots/',
        '  $ dac preview --changed-since origin/main --png shots/   before/after of what a PR changes',
        '  $ dac preview --serve                            live reload while editing',
        '',
      ].join('\n'),
    )
    .action(async (flags: PreviewFlags) => {
      try {
        process.exitCode = await runPreview(program.opts<{ dir: string }>().dir, flags);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
