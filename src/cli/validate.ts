/**
 * `dac validate`: every check, nothing written. Tier 1 (schemas, PromQL, lint) runs in process over
 * the build model; tier 2 hands the files a build would write to promtool and amtool.
 * Exit codes: 0 clean (warnings allowed), 1 findings with errors, 2 usage error or missing tool.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic } from '../check/diagnostic.js';
import { DacError, formatWhere, hasErrors } from '../check/diagnostic.js';
import { checkEmitted, checkModel, sortDiagnostics } from '../check/index.js';
import { runTools } from '../check/tools.js';
import { emitFiles } from '../emit/files.js';
import '../emit/formats/index.js';
import { assembleModel } from '../model/assemble.js';
import { renderDiagnostic, useColour } from './output.js';

export type ValidateFormat = 'human' | 'json';

export interface ValidateOptions {
  dir: string;
  format: ValidateFormat;
  tools: boolean;
}

export interface ValidateReport {
  diagnostics: Diagnostic[];
  /** Whether promtool/amtool ran ("skipped" with --no-tools, "missing" when one is not installed). */
  tools: 'ran' | 'skipped' | 'missing';
  exitCode: 0 | 1 | 2;
}

export async function validateProject(opts: Omit<ValidateOptions, 'format'>): Promise<ValidateReport> {
  const root = path.resolve(opts.dir);
  let diagnostics: Diagnostic[];
  let files: Map<string, string> | undefined;
  try {
    const model = await assembleModel(root);
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
  diagnostics = sortDiagnostics(diagnostics);
  return { diagnostics, tools, exitCode: hasErrors(diagnostics) ? 1 : 0 };
}

export function renderReport(report: ValidateReport, format: ValidateFormat, colour: boolean): string {
  if (format === 'json') {
    const count = (s: Diagnostic['severity']) => report.diagnostics.filter((d) => d.severity === s).length;
    return `${JSON.stringify(
      {
        ok: report.exitCode === 0,
        tools: report.tools,
        summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
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
  return `${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${verdict}\n`;
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check every query, dashboard and rule: schemas, PromQL, lint, then promtool and amtool (writes nothing)')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .option('--no-tools', 'skip promtool and amtool (in-process checks only)')
    .addHelpText(
      'after',
      '\nExit codes: 0 clean, 1 errors found, 2 usage error or promtool/amtool missing.\n\nExamples:\n  $ dac validate                 all checks, coloured on a terminal\n  $ dac validate --format json   for CI and editors\n  $ dac validate --no-tools      fast, without promtool/amtool\n',
    )
    .action(async (opts: { format: ValidateFormat; tools: boolean }) => {
      const report = await validateProject({ dir: program.opts<{ dir: string }>().dir, tools: opts.tools });
      process.stdout.write(renderReport(report, opts.format, opts.format === 'human' && useColour(process.stdout)));
      process.exitCode = report.exitCode;
    });
}
