/** Commander wiring only: flags in, pipeline steps called, exit codes out. */
import { Command, CommanderError } from 'commander';
import { packageVersion, reportFailure } from './output.js';

/**
 * Every command, and the module that defines it. Only the module of the command being run is
 * imported: the others pull in the whole pipeline (dashboard SDK, PromQL parser, schemas, HTTP
 * client), which would make `dac --help` and `dac init` several times slower than node itself.
 * `dac --help` lists the descriptions given here, which are each module's own (test/newcomer.test.ts).
 */
const COMMANDS: { commands: Record<string, string>; load: () => Promise<(program: Command) => void> }[] = [
  {
    commands: { init: 'start a project: dac.config.ts with one service, and editable copies of the built-in dashboards and rules' },
    load: async () => (await import('./init.js')).registerInitCommand,
  },
  {
    commands: { build: 'build dashboards, rules and delivery files into out/ (all or nothing)' },
    load: async () => (await import('./build.js')).registerBuildCommand,
  },
  {
    commands: { watch: 'build and check on every change to dac.config.ts, dashboards/ and rules/, until Ctrl-C' },
    load: async () => (await import('./watch.js')).registerWatchCommand,
  },
  {
    commands: {
      validate: 'check every query, dashboard and rule: schemas, PromQL, lint, then promtool and amtool (writes nothing)',
    },
    load: async () => (await import('./validate.js')).registerValidateCommand,
  },
  {
    commands: {
      diff: 'compare the generated dashboards with a live Grafana (ignores id, version and server metadata); exit 1 on drift',
      push: 'create or update the generated dashboards in Grafana by uid, folders included; idempotent',
    },
    load: async () => (await import('./grafana.js')).registerGrafanaCommands,
  },
  {
    commands: { preview: 'render every dashboard as a self-contained HTML page (and PNG), laid out as Grafana lays it out' },
    load: async () => (await import('./preview.js')).registerPreviewCommand,
  },
  {
    commands: { slo: 'SLO specs: `dac slo export` writes the SLOs defined in TypeScript as Sloth prometheus/v1 specs' },
    load: async () => (await import('./slo.js')).registerSloCommand,
  },
];

/** The command word of argv (after node, the script and global options), if any. */
function commandWord(argv: string[]): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-C' || a === '--dir') i++;
    else if (!a.startsWith('-')) return a === 'help' ? (args[i + 1] ?? a) : a;
  }
  return undefined;
}

export async function createProgram(argv: string[]): Promise<Command> {
  const program = new Command('dac')
    .description('dashboards and alerts as code: TypeScript definitions → Grafana dashboards, Prometheus rules, Alertmanager config')
    .option('-C, --dir <path>', 'project folder holding dac.config.ts, dashboards/ and rules/', '.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  const word = commandWord(argv);
  for (const command of COMMANDS) {
    if (word !== undefined && Object.hasOwn(command.commands, word)) (await command.load())(program);
    else
      for (const [name, summary] of Object.entries(command.commands))
        program.command(name).description(summary).allowUnknownOption().allowExcessArguments();
  }
  program.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  $ dac init --name orders --job orders start a project for one service',
      '  $ dac build                          build out/ from dac.config.ts, dashboards/ and rules/',
      '  $ dac build --check                  in CI: fail when the committed out/ is stale',
      '  $ dac watch                          rebuild out/ on every change, until Ctrl-C',
      '  $ dac validate                       schemas, PromQL and lint, then promtool and amtool',
      '  $ dac validate --format json         the same findings for machines',
      '  $ GRAFANA_TOKEN=… dac diff --grafana-url https://grafana.example.com',
      '  $ GRAFANA_TOKEN=… dac push --grafana-url https://grafana.example.com --prune',
      '  $ dac --dir ../other build           build another project',
      '',
      'Grafana credentials come from GRAFANA_TOKEN (service-account token) or GRAFANA_USER and',
      'GRAFANA_PASSWORD, and are never printed.',
      '',
    ].join('\n'),
  );
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const program = await createProgram(argv);
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportFailure(err);
  }
}
