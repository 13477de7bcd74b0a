import path from 'node:path';
import type { Command } from 'commander';
import { compareTrees } from '../emit/compare.js';
import { readTree, recoverTree, writeTree } from '../io/write.js';
import { buildProject } from '../pipeline.js';
import { printDiagnostics } from './output.js';

export interface BuildOptions {
  dir: string;
  out: string;
  check?: boolean;
}

export async function runBuild(opts: BuildOptions): Promise<number> {
  const root = path.resolve(opts.dir);
  const outDir = path.resolve(root, opts.out);
  const { files, diagnostics, model } = await buildProject(root);
  printDiagnostics(diagnostics);
  if (opts.check) {
    for (const w of recoverTree(outDir)) process.stderr.write(`warning: ${w}\n`);
    const changes = compareTrees(files, readTree(outDir));
    if (changes.length === 0) {
      process.stdout.write(`out/ is current: ${files.size} files match the definitions.\n`);
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
  const summary = `${model.services.length} service(s), ${model.dashboards.length} dashboard(s), ${model.ruleFiles.length} rule file(s)`;
  process.stdout.write(
    result.unchanged
      ? `out/ already current (${summary}).\n`
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
    .addHelpText(
      'after',
      '\nExamples:\n  $ dac build            write out/\n  $ dac build --check    in CI: fail when out/ is not what the definitions produce\n',
    )
    .action(async (opts: { check?: boolean; out: string }) => {
      process.exitCode = await runBuild({ dir: program.opts<{ dir: string }>().dir, out: opts.out, check: opts.check });
    });
}
