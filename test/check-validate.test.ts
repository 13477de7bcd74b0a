/**
 * `dac validate` as a user and CI see it: the default project is valid, findings come as readable
 * text or JSON, exit codes say clean (0), findings (1) or cannot check (2).
 */
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerValidateCommand, renderReport, validateProject, type ValidateReport } from '../src/cli/validate.js';
import { generations } from './setup/prom-tools.js';

const root = path.resolve(import.meta.dirname, '..');

const report: ValidateReport = {
  tools: 'ran',
  exitCode: 1,
  diagnostics: [
    {
      severity: 'error',
      check: 'promql/unknown-metric',
      where: { file: 'dashboards/red.ts', path: ['dashboard items-api-red', 'panel "Rate"', 'query A'], column: 17 },
      message: 'unknown metric "http_request_total": did you mean "http_requests_total"?',
      hint: 'replace it',
    },
    {
      severity: 'warning',
      check: 'rule/record-name',
      where: { file: 'out/rules/a.yml', line: 42, path: ['record x'] },
      message: 'bad name',
    },
  ],
};

describe('dac validate', () => {
  afterEach(() => {
    delete process.env.DAC_PROMTOOL;
  });

  it('finds no error in the default project, promtool and amtool included', async () => {
    const result = await validateProject({ dir: root, tools: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result).toMatchObject({ tools: 'ran', exitCode: 0 });
  }, 120_000);

  it('runs the promtool and amtool it is given, and says which releases ran', async () => {
    const three = generations()[1]!;
    const result = await validateProject({ dir: root, tools: true, binaries: { promtool: three.promtool, amtool: three.amtool } });
    expect(result).toMatchObject({ tools: 'ran', exitCode: 0 });
    expect(result.toolsUsed).toEqual([
      { tool: 'promtool', path: three.promtool, version: expect.stringMatching(/^3\.\d+\.\d+$/) },
      { tool: 'amtool', path: three.amtool, version: expect.stringMatching(/^0\.3\d\.\d+$/) },
    ]);
    expect(renderReport(result, 'human', false)).toMatch(
      /promtool 3\.\d+\.\d+ \(.*promtool\) and amtool 0\.3\d\.\d+ \(.*amtool\) passed their checks/,
    );
  }, 120_000);

  it('exits 2 when the promtool it is given is not an executable, naming the option', async () => {
    const result = await validateProject({ dir: root, tools: true, binaries: { promtool: '/nonexistent/promtool' } });
    expect(result.exitCode).toBe(2);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ message: '--promtool /nonexistent/promtool is not an executable file' }),
    );
  }, 120_000);

  it('exits 2, naming the package to install, when promtool is missing', async () => {
    process.env.DAC_PROMTOOL = '/nonexistent/promtool';
    const result = await validateProject({ dir: root, tools: true });
    expect(result.exitCode).toBe(2);
    expect(result.tools).toBe('missing');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ hint: expect.stringContaining('apt-get install prometheus') }));
  }, 120_000);

  it('prints located findings for people, without colour when asked for none', () => {
    const text = renderReport(report, 'human', false);
    expect(text).toContain('dashboards/red.ts › dashboard items-api-red › panel "Rate" › query A, col 17');
    expect(text).toContain('out/rules/a.yml:42 › record x');
    expect(text).toContain('1 error, 1 warning');
    const ESC = String.fromCharCode(27);
    expect(text).not.toContain(ESC);
    expect(renderReport(report, 'human', true)).toContain(`${ESC}[31merror`);
  });

  it('prints JSON for machines, with a summary and each finding located', () => {
    const json = JSON.parse(renderReport(report, 'json', false)) as {
      ok: boolean;
      summary: unknown;
      diagnostics: { check: string; location: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect(json.diagnostics.map((d) => [d.check, d.location])).toEqual([
      ['promql/unknown-metric', 'dashboards/red.ts › dashboard items-api-red › panel "Rate" › query A, col 17'],
      ['rule/record-name', 'out/rules/a.yml:42 › record x'],
    ]);
  });

  it('rejects an unknown output format as a usage error', async () => {
    const program = new Command('dac')
      .option('-C, --dir <path>', '', '.')
      .exitOverride()
      .configureOutput({ writeErr: () => {} });
    registerValidateCommand(program);
    const error = await program.parseAsync(['node', 'dac', 'validate', '--format', 'xml']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).code).toBe('commander.invalidArgument');
  });
});
