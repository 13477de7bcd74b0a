import path from 'node:path';
import { Option, type Command } from 'commander';
import { DacError } from '../core/diagnostic.js';
import { rememberBuild, unchangedBuild } from '../io/build-cache.js';
import { trackInputs, type TrackedInputs } from '../io/input-tracking.js';
import type { BuildResult } from '../pipeline.js';
import { diagnosticJson, printDiagnostics, printJson } from './output.js';

/** The pipeline (dashboard SDK, PromQL parser, schemas), loaded only when there is work to do. */
async function pipeline() {
  const [{ buildProject }, { compareTrees }, { readTree, recoverTree, writeTree }] = await Promise.all([
    import('../pipeline.js'),
    import('../emit/compare.js'),
    import('../io/write.js'),
  ]);
  return { buildProject, compareTrees, readTree, recoverTree, writeTree };
}

export type BuildFormat = 'human' | 'json';

export interface BuildOptions {
  dir: string;
  out: string;
  check?: boolean;
  format?: BuildFormat;
}

export async function runBuild(opts: BuildOptions): Promise<number> {
  if (opts.format !== 'json') return runHumanBuild(opts);
  // JSON: one document on stdout, findings and failures included; stderr stays empty.
  try {
    const { buildProject } = await pipeline();
    return await runJsonBuild(opts, await buildProject(path.resolve(opts.dir)));
  } catch (err) {
    if (!(err instanceof DacError)) throw err;
    printJson({ ok: false, diagnostics: err.diagnostics.map(diagnosticJson) });
    return err.exitCode;
  }
}

async function runJsonBuild(opts: BuildOptions, { files, diagnostics, model }: BuildResult): Promise<number> {
  const { compareTrees, readTree, recoverTree, writeTree } = await pipeline();
  const root = path.resolve(opts.dir);
  const outDir = path.resolve(root, opts.out);
  const summary = { services: model.services.length, dashboards: model.dashboards.length, ruleFiles: model.ruleFiles.length };
  const findings = diagnostics.map(diagnosticJson);
  if (opts.check) {
    const warnings = recoverTree(outDir);
    const changes = compareTrees(files, readTree(outDir)).map((c) => ({ kind: c.kind, path: `${opts.out}/${c.path}` }));
    printJson({
      ok: changes.length === 0,
      current: changes.length === 0,
      files: files.size,
      summary,
      changes,
      warnings,
      diagnostics: findings,
    });
    return changes.length === 0 ? 0 : 1;
  }
  const result = writeTree(outDir, files, { projectRoot: root });
  printJson({
    ok: true,
    out: path.relative(process.cwd(), outDir) || '.',
    files: files.size,
    unchanged: result.unchanged,
    summary,
    warnings: result.warnings,
    diagnostics: findings,
  });
  return 0;
}

const currentMessage = (fileCount: number) => `out/ is current: ${fileCount} files match the definitions.\n`;
const alreadyMessage = (summary: string) => `out/ already current (${summary}).\n`;

async function runHumanBuild(opts: BuildOptions): Promise<number> {
  const root = path.resolve(opts.dir);
  const outDir = path.resolve(root, opts.out);
  // Nothing the last build read has changed, nor out/ since it was left: say what it said (io/build-cache.ts).
  const unchanged = unchangedBuild(root, outDir);
  if (unchanged) {
    printDiagnostics(unchanged.diagnostics);
    process.stdout.write(opts.check ? currentMessage(unchanged.fileCount) : alreadyMessage(unchanged.summary));
    return 0;
  }
  const { buildProject, compareTrees, readTree, recoverTree, writeTree } = await pipeline();
  const started = Date.now();
  const tracking = trackInputs();
  let built: BuildResult;
  let tracked: TrackedInputs;
  try {
    built = await buildProject(root);
  } finally {
    tracked = tracking.stop();
  }
  const { files, diagnostics, model } = built;
  const summary = `${model.services.length} service(s), ${model.dashboards.length} dashboard(s), ${model.ruleFiles.length} rule file(s)`;
  const definitions = [model.configFile, ...model.dashboards.map((d) => d.source), ...model.ruleFiles.map((f) => f.source)];
  const remember = () => rememberBuild(root, outDir, started, tracked, { diagnostics, summary, fileCount: files.size }, definitions);
  printDiagnostics(diagnostics);
  if (opts.check) {
    for (const w of recoverTree(outDir)) process.stderr.write(`warning: ${w}\n`);
    const changes = compareTrees(files, readTree(outDir));
    if (changes.length === 0) {
      remember();
      process.stdout.write(currentMessage(files.size));
      return 0;
    }
    for (const c of changes) {
      process.stdout.write(`${c.kind.padEnd(7)} ${path.relative(process.cwd(), path.join(outDir, c.path))}\n`);
      if (c.diff) process.stdout.write(`${c.diff.replace(/^/gm, '    ')}\n`);
    }
    process.stdout.write(`\nout/ is stale: ${changes.length} file(s) differ. Run \`dac build\` and commit out/.\n`);
    return 1;
  }
  const result = writeTree(outDir, files, { projectRoot: root });
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (result.warnings.length === 0) remember();
  process.stdout.write(
    result.unchanged
      ? alreadyMessage(summary)
      : `wrote ${files.size} files to ${path.relative(process.cwd(), outDir) || '.'} (${summary}).\n`,
  );
  return 0;
}

export function registerBuildCommand(program: Command): void {
  program
    .command('build')
    .description('build dashboards, rules and delivery files into out/ (all or nothing)')
    .option('--check', 'build in memory and compare with out/: exit 1 listing added, changed and removed files')
    .option('-o, --out <dir>', 'output folder, relative to the project', 'out')
    .addOption(new Option('--format <format>', 'output format (json: one document on stdout)').choices(['human', 'json']).default('human'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ dac build                  write out/\n  $ dac build --check          in CI: fail when out/ is not what the definitions produce\n  $ dac build --format json    the summary, the changes and the findings for machines\n',
    )
    .action(async (opts: { check?: boolean; out: string; format: BuildFormat }) => {
      process.exitCode = await runBuild({
        dir: program.opts<{ dir: string }>().dir,
        out: opts.out,
        check: opts.check,
        format: opts.format,
      });
    });
}
