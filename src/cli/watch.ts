/**
 * `dac watch`: build and check once, then again on every change to dac.config.ts, dashboards/ and
 * rules/, until Ctrl-C. The modules of unchanged definitions stay loaded between builds; only the
 * changed ones are imported again, so a one-file edit costs the evaluation, not the start-up.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { checkEmitted, sortDiagnostics } from '../check/index.js';
import { DacError } from '../core/diagnostic.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ModuleCache } from '../definitions/load.js';
import type { OutFiles } from '../emit/files.js';
import { snapshot, watchProject, type Watch } from '../io/watch.js';
import { writeTree } from '../io/write.js';
import { buildProject } from '../pipeline.js';
import { printDiagnostics } from './output.js';

export interface WatchOptions {
  dir: string;
  out: string;
  /** Quiet time after the last file event before building (an editor's save is several events). */
  debounceMs?: number;
}

/** A definition module, loaded by file: what an edit to it evicts from the cache. */
const DEFINITION = /^(dashboards|rules)\/[^/._][^/]*\.(ts|mts|js|mjs)$/;
const SPEC = /^rules\/slo\/[^/]+\.ya?ml$/;

/**
 * Drops what `changed` makes stale. A definition is imported again by itself; a spec under
 * rules/slo/ is read at every build anyway; any other file (the config, a helper module in a
 * sub-folder) may be imported by any definition, so every module is.
 */
export function evict(cache: ModuleCache, root: string, changed: readonly string[]): void {
  for (const file of changed) {
    if (SPEC.test(file)) continue;
    if (DEFINITION.test(file)) cache.exports.delete(path.join(root, file));
    else cache.exports.clear();
  }
  // Every build imports under a new generation: a module that failed to load is tried afresh.
  cache.generation++;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function countOf(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function filesDiffering(before: OutFiles | undefined, after: OutFiles): number {
  if (!before) return after.size;
  let n = 0;
  for (const [p, text] of after) if (before.get(p) !== text) n++;
  for (const p of before.keys()) if (!after.has(p)) n++;
  return n;
}

function describeChange(changed: readonly string[]): string {
  return changed.length <= 3 ? changed.join(', ') : `${changed.slice(0, 2).join(', ')} and ${changed.length - 2} more`;
}

/**
 * The checks of emitted files, per file: each depends on its own text only, so a file whose text
 * did not change keeps its findings from the last build and is not parsed and matched again.
 */
export class EmittedChecks {
  private readonly byPath = new Map<string, { text: string; findings: Diagnostic[] }>();

  run(files: OutFiles): Diagnostic[] {
    const findings: Diagnostic[] = [];
    for (const [p, text] of files) {
      let known = this.byPath.get(p);
      if (known?.text !== text) {
        known = { text, findings: checkEmitted(new Map([[p, text]])) };
        this.byPath.set(p, known);
      }
      findings.push(...known.findings);
    }
    for (const p of this.byPath.keys()) if (!files.has(p)) this.byPath.delete(p);
    return findings;
  }
}

const clock = () => new Date().toISOString().slice(11, 19);

/** One build: diagnostics on stderr, one summary line on stdout. Never throws for bad input. */
export async function rebuild(
  root: string,
  outDir: string,
  cache: ModuleCache,
  emitted: EmittedChecks,
  previous: OutFiles | undefined,
  what: string,
): Promise<OutFiles | undefined> {
  const start = performance.now();
  const took = () => `${Math.round(performance.now() - start)} ms`;
  try {
    const { files, diagnostics } = await buildProject(root, cache);
    const findings = sortDiagnostics([...diagnostics, ...emitted.run(files)]);
    printDiagnostics(findings);
    const result = writeTree(outDir, files, { projectRoot: root });
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    const outcome = result.unchanged
      ? 'out/ unchanged'
      : `${plural(filesDiffering(previous, files), 'file')} of ${path.relative(process.cwd(), outDir) || '.'} written`;
    process.stdout.write(`[${clock()}] ${what}: ${countOf(findings)}; ${outcome} in ${took()}\n`);
    return files;
  } catch (err) {
    if (!(err instanceof DacError)) {
      // A dac bug: said once with its stack, and the watch goes on.
      process.stderr.write(`dac: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.stdout.write(`[${clock()}] ${what}: internal error; out/ left unchanged in ${took()}\n`);
      return previous;
    }
    printDiagnostics(err.diagnostics);
    process.stdout.write(`[${clock()}] ${what}: ${countOf(err.diagnostics)}; out/ left unchanged in ${took()}\n`);
    return previous;
  }
}

/** Runs until SIGINT or SIGTERM; resolves 0 then, once a build in progress has finished. */
export async function runWatch(opts: WatchOptions): Promise<number> {
  const root = path.resolve(opts.dir);
  const outDir = path.resolve(root, opts.out);
  const cache: ModuleCache = { exports: new Map(), generation: 0 };
  const emitted = new EmittedChecks();
  let building: Promise<unknown> = Promise.resolve();
  const before = snapshot(root);
  let files = await rebuild(root, outDir, cache, emitted, undefined, 'first build');
  let watcher: Watch | undefined;
  watcher = watchProject(
    root,
    (changed) => {
      evict(cache, root, changed);
      const run = rebuild(root, outDir, cache, emitted, files, describeChange(changed)).then((f) => {
        files = f;
      });
      building = run;
      return run;
    },
    opts.debounceMs,
    before,
  );
  // Said once the watchers are in place: a save from now on is seen.
  process.stdout.write(`watching dac.config.ts, dashboards/ and rules/ in ${path.relative(process.cwd(), root) || '.'}; Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      watcher?.close();
      watcher = undefined;
      // out/ is written whole or not at all; a build under way finishes before the exit.
      void building.finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write('stopped watching.\n');
  return 0;
}

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('build and check on every change to dac.config.ts, dashboards/ and rules/, until Ctrl-C')
    .option('-o, --out <dir>', 'output folder, relative to the project', 'out')
    .addHelpText(
      'after',
      '\nOnly the definitions that changed are loaded again. promtool and amtool are not run: use `dac validate` for those.\n\nExample:\n  $ dac watch            rebuild out/ while you edit\n',
    )
    .action(async (opts: { out: string }) => {
      process.exitCode = await runWatch({ dir: program.opts<{ dir: string }>().dir, out: opts.out });
    });
}
