/**
 * `dac validate`: every check, nothing written. Tier 1 (schemas, PromQL, lint) runs in process over
 * the build model; tier 2 hands the files a build would write to promtool and amtool.
 * Exit codes: 0 clean (warnings allowed), 1 findings with errors, 2 usage error or missing tool.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic } from '../core/diagnostic.js';
import { DacError, formatWhere, hasErrors } from '../core/diagnostic.js';
import { checkEmitted, checkModel, sortDiagnostics } from '../check/index.js';
import { runTools } from '../check/tools.js';
import { emitFiles } from '../emit/files.js';
import { assembleModel } from '../model/assemble.js';
import type { BuildModel } from '../model/types.js';
import type { DashboardJson } from '../deliver/grafana/client.js';
import { GrafanaHttpError, hideUserinfo } from '../deliver/grafana/http.js';
import { validateOnGrafana } from '../deliver/grafana/validate.js';
import { addGrafanaOptions, clientFrom, UsageError, type GrafanaFlags } from './grafana.js';
import { renderDiagnostic, useColour } from './output.js';

export type ValidateFormat = 'human' | 'json';

export interface ValidateOptions {
  dir: string;
  format: ValidateFormat;
  tools: boolean;
  /** Also validate every dashboard on this Grafana, server-side, changing nothing. */
  grafana?: GrafanaFlags;
}

export interface ValidateReport {
  diagnostics: Diagnostic[];
  /** Whether promtool/amtool ran ("skipped" with --no-tools, "missing" when one is not installed). */
  tools: 'ran' | 'skipped' | 'missing';
  /** What Grafana validated, when asked to. */
  grafana?: string;
  exitCode: 0 | 1 | 2;
}

export async function validateProject(opts: Omit<ValidateOptions, 'format'>): Promise<ValidateReport> {
  const root = path.resolve(opts.dir);
  let diagnostics: Diagnostic[];
  let files: Map<string, string> | undefined;
  let model: BuildModel;
  try {
    model = await assembleModel(root);
    diagnostics = checkModel(model);
    files = emitFiles(model);
    diagnostics.push(...checkEmitted(files));
  } catch (err) {
    if (!(err instanceof DacError)) throw err;
    // Definitions that cannot even be assembled: their diagnostics are the findings.
    return { diagnostics: err.diagnostics, tools: 'skipped', exitCode: 1 };
  }
  let tools: ValidateReport['tools'] = 'skipped';
  if (opts.tools) {
    const run = await runTools(files);
    if (run.missing.length > 0) {
      return { diagnostics: sortDiagnostics([...diagnostics, ...run.missing]), tools: 'missing', exitCode: 2 };
    }
    diagnostics.push(...run.diagnostics);
    tools = 'ran';
  }
  let grafana: string | undefined;
  if (opts.grafana?.grafanaUrl) {
    const bySource = new Map(model.dashboards.map((d) => [d.ref.uid, d.source]));
    let result;
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
        hint: 'fix --grafana-url and the credentials, or leave --grafana-url out to run the other checks alone',
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
  diagnostics = sortDiagnostics(diagnostics);
  return { diagnostics, tools, ...(grafana ? { grafana } : {}), exitCode: hasErrors(diagnostics) ? 1 : 0 };
}

export function renderReport(report: ValidateReport, format: ValidateFormat, colour: boolean): string {
  if (format === 'json') {
    const count = (s: Diagnostic['severity']) => report.diagnostics.filter((d) => d.severity === s).length;
    return `${JSON.stringify(
      {
        ok: report.exitCode === 0,
        tools: report.tools,
        summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
        ...(report.grafana ? { grafana: report.grafana } : {}),
        diagnostics: report.diagnostics.map((d) => ({ ...d, location: formatWhere(d.where) })),
      },
      null,
      2,
    )}\n`;
  }
  const lines = report.diagnostics.map((d) => renderDiagnostic(d, colour));
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const toolNote =
    report.tools === 'ran'
      ? 'promtool and amtool passed their checks'
      : report.tools === 'skipped'
        ? 'promtool/amtool skipped'
        : 'a required tool is missing';
  const verdict =
    report.exitCode === 0
      ? `valid: ${warnings} warning${warnings === 1 ? '' : 's'}; ${toolNote}.`
      : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${report.tools === 'ran' ? '' : `; ${toolNote}`}.`;
  const grafana = report.grafana ? `${report.grafana}\n` : '';
  return `${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${grafana}${verdict}\n`;
}

export function registerValidateCommand(program: Command): void {
  // GRAFANA_URL alone does not send dashboards anywhere: validate talks to Grafana only when asked.
  const cmd = addGrafanaOptions(program.command('validate'));
  cmd.options.find((o) => o.long === '--grafana-url')!.envVar = undefined;
  cmd
    .description('check every query, dashboard and rule: schemas, PromQL, lint, then promtool and amtool (writes nothing)')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .option('--no-tools', 'skip promtool and amtool (in-process checks only)')
    .addHelpText(
      'after',
      '\nExit codes: 0 clean, 1 errors found, 2 usage error or promtool/amtool missing.\n\nExamples:\n  $ dac validate                 all checks, coloured on a terminal\n  $ dac validate --format json   for CI and editors\n  $ dac validate --no-tools      fast, without promtool/amtool\n  $ GRAFANA_TOKEN=… dac validate --grafana-url https://grafana.example.com\n                                 also have Grafana validate every dashboard (dry run, nothing saved)\n',
    )
    .action(async (opts: { format: ValidateFormat; tools: boolean } & GrafanaFlags) => {
      const report = await validateProject({ dir: program.opts<{ dir: string }>().dir, tools: opts.tools, grafana: opts });
      process.stdout.write(renderReport(report, opts.format, opts.format === 'human' && useColour(process.stdout)));
      process.exitCode = report.exitCode;
    });
}
