/** Commander wiring only: flags in, pipeline steps called, exit codes out. */
import { Command, CommanderError } from 'commander';
import { registerBuildCommand } from './build.js';
import { registerGrafanaCommands } from './grafana.js';
import { reportFailure } from './output.js';
import { registerValidateCommand } from './validate.js';

export function createProgram(): Command {
  const program = new Command('dac')
    .description('dashboards and alerts as code: TypeScript definitions → Grafana dashboards, Prometheus rules, Alertmanager config')
    .option('-C, --dir <path>', 'project folder holding dac.config.ts, dashboards/ and rules/', '.')
    .showHelpAfterError()
    .exitOverride();
  registerBuildCommand(program);
  registerValidateCommand(program);
  registerGrafanaCommands(program);
  program.addHelpText(
    'after',
    '\nExamples:\n  $ dac build                 build out/ from dac.config.ts, dashboards/ and rules/\n  $ dac build --check         fail when the committed out/ is stale\n  $ dac --dir ../other build  build another project\n',
  );
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportFailure(err);
  }
}
