/**
 * `dac validate`: every check, nothing written. Tier 1 (schemas, PromQL, lint) runs in process over
 * the build model; tier 2 hands the files a build would write to promtool and amtool.
 * Exit codes: 0 clean (warnings allowed), 1 findings with errors, 2 usage error or missing tool.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic } from '../core/diagnostic.js';
import { DacError, hasErrors } from '../core/diagnostic.js';
import { checkEmitted, checkModel, sortDiagnostics } from '../check/index.js';
import { LiveReadError, LiveUsageError, runLiveChecks, type LiveOptions } from '../check/live/index.js';
import { describeTool, runTools, type ToolChoice, type UsedTool } from '../check/tools.js';
import { emitFiles } from '../emit/files.js';
import { assembleModel } from '../model/assemble.js';
import type { BuildModel } from '../model/types.js';
import type { DashboardJson } from '../deliver/grafana/client.js';
import { GrafanaHttpError, hideUserinfo } from '../deliver/grafana/http.js';
import { validateOnGrafana } from '../deliver/grafana/validate.js';
import { addGrafanaOptions, clientFrom, positiveFlag, UsageError, type GrafanaFlags } from './grafana.js';
import { diagnosticJson, packageVersion, renderDiagnostic, useColour } from './output.js';
import { progress, type Progress } from './progress.js';
import { githubAnnotations, sarifLog } from './report-formats.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export type ValidateFormat = 'human' | 'json' | 'github' | 'sarif';

export interface ValidateOptions {
  dir: string;
  format: ValidateFormat;
  tools: boolean;
  /** Also validate every dashboard on this Grafana, server-side, changing nothing. */
  grafana?: GrafanaFlags;
  /** Also check every query, rule and SLO against what the live service exposes. */
  live?: LiveOptions;
  /** promtool and amtool binaries to use instead of those found on PATH. */
  binaries?: ToolChoice;
  /** Where to say what is being done (a line on a terminal); silent when absent. */
  progress?: Progress;
}

export interface ValidateReport {
  diagnostics: Diagnostic[];
  /** Whether promtool/amtool ran ("skipped" with --no-tools, "missing" when one is not installed). */
  tools: 'ran' | 'skipped' | 'missing';
  /** The promtool and amtool that ran, with the release each reported. */
  toolsUsed?: UsedTool[];
  /** What Grafana validated, when asked to. */
  grafana?: string;
  /** What was checked against the live service, one line per source. */
  live?: string[];
  exitCode: 0 | 1 | 2;
}

export async function validateProject(opts: Omit<ValidateOptions, 'format'>): Promise<ValidateReport> {
  const root = path.resolve(opts.dir);
  let diagnostics: Diagnostic[];
  let files: Map<string, string> | undefined;
  let model: BuildModel;
  const say = (text: string) => opts.progress?.say(`validating: ${text}…`);
  try {
    say('loading definitions');
    model = await assembleModel(root);
    say(
      `checking ${plural(model.services.length, 'service')}, ${plural(model.dashboards.length, 'dashboard')} and ${plural(model.ruleFiles.length, 'rule file')}`,
    );
    diagnostics = checkModel(model);
    files = emitFiles(model);
    diagnostics.push(...checkEmitted(files, diagnostics));
  } catch (err) {
    if (!(err instanceof DacError)) throw err;
    // Definitions that cannot even be assembled: their diagnostics are the findings.
    return { diagnostics: err.diagnostics, tools: 'skipped', exitCode: 1 };
  }
  let tools: ValidateReport['tools'] = 'skipped';
  let toolsUsed: UsedTool[] | undefined;
  if (opts.tools) {
    say('starting promtool and amtool');
    const run = await runTools(files, opts.binaries, (done, total) =>
      opts.progress?.count('validating: promtool and amtool,', done, total, 'files'),
    );
    if (run.missing.length > 0) {
      return { diagnostics: sortDiagnostics([...diagnostics, ...run.missing]), tools: 'missing', exitCode: 2 };
    }
    diagnostics.push(...run.diagnostics);
    tools = 'ran';
    toolsUsed = run.used;
  }
  let grafana: string | undefined;
  if (opts.grafana?.grafanaUrl) {
    const bySource = new Map(model.dashboards.map((d) => [d.ref.uid, d.source]));
    let result;
    say('Grafana checks the dashboards');
    try {
      result = await validateOnGrafana(
        clientFrom(opts.grafana),
        model.dashboards.map((d) => ({ json: d.json as unknown as DashboardJson, folder: d.service.grafanaFolder })),
      );
    } catch (err) {
      // Not a finding about the definitions: Grafana could not be asked (bad flags, unreachable,
      // credentials refused). Like a missing promtool, that is exit 2.
      if (!(err instanceof UsageError || err instanceof GrafanaHttpError)) throw err;
      const unreached: Diagnostic = {
        severity: 'error',
        check: 'grafana/connection',
        where: { file: hideUserinfo(opts.grafana.grafanaUrl), path: [] },
        message: `Grafana could not validate the dashboards: ${err.message}`,
        hint:
          (err instanceof GrafanaHttpError && err.fix) ||
          'fix --grafana-url and the credentials, or leave --grafana-url out to run the other checks alone',
      };
      return { diagnostics: sortDiagnostics([...diagnostics, unreached]), tools, exitCode: 2 };
    }
    grafana = result.note;
    for (const f of result.failures) {
      diagnostics.push({
        severity: 'error',
        check: 'grafana/dry-run',
        where: { file: bySource.get(f.uid) ?? `out/dashboards/${f.uid}.json`, path: [`dashboard ${f.uid}`] },
        message: `Grafana refused the dashboard: ${f.message}`,
        hint: 'fix the definition; Grafana validated it without saving anything',
      });
    }
  }
  let live: string[] | undefined;
  if (opts.live && (opts.live.metricsUrl !== undefined || opts.live.prometheusUrl !== undefined)) {
    say('reading the live service');
    try {
      const run = await runLiveChecks(model, opts.live);
      diagnostics.push(...run.diagnostics);
      live = run.notes;
    } catch (err) {
      // The service could not be read: nothing is known about the definitions, like a missing tool.
      if (!(err instanceof LiveReadError || err instanceof LiveUsageError)) throw err;
      const url = (err instanceof LiveReadError && err.flag === '--prometheus-url' ? opts.live.prometheusUrl : opts.live.metricsUrl) ?? '';
      const unreached: Diagnostic = {
        severity: 'error',
        check: 'live/connection',
        where: { file: hideUserinfo(url || (opts.live.prometheusUrl ?? '')), path: [] },
        message: `the live service could not be read: ${err.message}`,
        hint:
          err instanceof LiveUsageError
            ? 'fix the flags'
            : 'check the URL (a /metrics endpoint for --metrics-url, the Prometheus base URL for --prometheus-url) and that it answers from here',
      };
      return { diagnostics: sortDiagnostics([...diagnostics, unreached]), tools, ...(grafana ? { grafana } : {}), exitCode: 2 };
    }
  }
  diagnostics = sortDiagnostics(diagnostics);
  return {
    diagnostics,
    tools,
    ...(toolsUsed ? { toolsUsed } : {}),
    ...(grafana ? { grafana } : {}),
    ...(live ? { live } : {}),
    exitCode: hasErrors(diagnostics) ? 1 : 0,
  };
}

export function renderReport(report: ValidateReport, format: ValidateFormat, colour: boolean): string {
  if (format === 'github') return githubAnnotations(report.diagnostics);
  if (format === 'sarif') return sarifLog(report.diagnostics, packageVersion());
  if (format === 'json') {
    const count = (s: Diagnostic['severity']) => report.diagnostics.filter((d) => d.severity === s).length;
    return `${JSON.stringify(
      {
        ok: report.exitCode === 0,
        tools: report.tools,
        ...(report.toolsUsed ? { toolsUsed: report.toolsUsed } : {}),
        summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
        ...(report.grafana ? { grafana: report.grafana } : {}),
        ...(report.live ? { live: report.live } : {}),
        diagnostics: report.diagnostics.map(diagnosticJson),
      },
      null,
      2,
    )}\n`;
  }
  const lines = report.diagnostics.map((d) => renderDiagnostic(d, colour));
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const ran = (report.toolsUsed ?? []).map(describeTool);
  const toolNote =
    report.tools === 'ran'
      ? ran.length > 0
        ? `${ran.join(' and ')} passed their checks`
        : 'promtool and amtool passed their checks'
      : report.tools === 'skipped'
        ? 'promtool/amtool skipped'
        : 'a required tool is missing';
  const verdict =
    report.exitCode === 0
      ? `valid: ${warnings} warning${warnings === 1 ? '' : 's'}; ${toolNote}.`
      : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${report.tools === 'ran' ? '' : `; ${toolNote}`}.`;
  const grafana = report.grafana ? `${report.grafana}\n` : '';
  const live = (report.live ?? []).map((l) => `${l}\n`).join('');
  // Failing findings come from a promtool of some release: say which, since 2.x and 3.x differ.
  const which = report.exitCode !== 0 && report.tools === 'ran' && ran.length > 0 ? `checked with ${ran.join(' and ')}\n` : '';
  return `${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${grafana}${live}${which}${verdict}\n`;
}

/** The live-check flags, or undefined when neither URL is given. */
function liveOptions(flags: { metricsUrl?: string; prometheusUrl?: string; service?: string; timeout: string }): LiveOptions | undefined {
  if (flags.metricsUrl === undefined && flags.prometheusUrl === undefined) {
    if (flags.service !== undefined) throw new UsageError('--service only says which service --metrics-url or --prometheus-url reads');
    return undefined;
  }
  return {
    ...(flags.metricsUrl !== undefined ? { metricsUrl: flags.metricsUrl } : {}),
    ...(flags.prometheusUrl !== undefined ? { prometheusUrl: flags.prometheusUrl } : {}),
    ...(flags.service !== undefined ? { service: flags.service } : {}),
    timeoutMs: positiveFlag('--timeout', flags.timeout, false) * 1000,
  };
}

export function registerValidateCommand(program: Command): void {
  // GRAFANA_URL alone does not send dashboards anywhere: validate talks to Grafana only when asked.
  const cmd = addGrafanaOptions(program.command('validate'));
  cmd.options.find((o) => o.long === '--grafana-url')!.envVar = undefined;
  cmd
    .description('check every query, dashboard and rule: schemas, PromQL, lint, then promtool and amtool (writes nothing)')
    .addOption(
      new Option('--format <format>', 'output format: github writes workflow-command annotations, sarif a SARIF 2.1.0 log')
        .choices(['human', 'json', 'github', 'sarif'])
        .default('human'),
    )
    .option('--no-tools', 'skip promtool and amtool (in-process checks only)')
    .option('--promtool <path>', 'the promtool to run (2.42 or newer; default: DAC_PROMTOOL, then the first on PATH)')
    .option('--amtool <path>', 'the amtool to run (default: DAC_AMTOOL, then the first on PATH)')
    .option('--metrics-url <url>', "also check every query, rule and SLO against this /metrics page (one service's)")
    .option('--prometheus-url <url>', 'also check them against the series and metadata of this Prometheus')
    .option('--service <name>', 'the service --metrics-url belongs to (needed when the config has several)')
    .addHelpText(
      'after',
      '\nExit codes: 0 clean, 1 errors found, 2 usage error or promtool/amtool missing.\n\nExamples:\n  $ dac validate                 all checks, coloured on a terminal\n  $ dac validate --format json   for CI and editors\n  $ dac validate --format github annotations on the pull request, in GitHub Actions\n  $ dac validate --format sarif > dac.sarif\n                                 for code scanning\n  $ dac validate --no-tools      fast, without promtool/amtool\n  $ GRAFANA_TOKEN=… dac validate --grafana-url https://grafana.example.com\n                                 also have Grafana validate every dashboard (dry run, nothing saved)\n  $ dac validate --metrics-url http://localhost:8000/metrics\n  $ dac validate --prometheus-url http://localhost:9090\n                                 also check metric names, labels, types and buckets against the live service\n',
    )
    .action(
      async (
        opts: {
          format: ValidateFormat;
          tools: boolean;
          promtool?: string;
          amtool?: string;
          metricsUrl?: string;
          prometheusUrl?: string;
          service?: string;
        } & GrafanaFlags,
      ) => {
        let live: LiveOptions | undefined;
        try {
          live = liveOptions(opts);
        } catch (err) {
          if (!(err instanceof UsageError)) throw err;
          process.stderr.write(`error: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        const bar = progress();
        let report;
        try {
          report = await validateProject({
            dir: program.opts<{ dir: string }>().dir,
            tools: opts.tools,
            binaries: { ...(opts.promtool ? { promtool: opts.promtool } : {}), ...(opts.amtool ? { amtool: opts.amtool } : {}) },
            grafana: opts,
            ...(live ? { live } : {}),
            progress: bar,
          });
        } finally {
          bar.end();
        }
        process.stdout.write(renderReport(report, opts.format, opts.format === 'human' && useColour(process.stdout)));
        process.exitCode = report.exitCode;
      },
    );
}
