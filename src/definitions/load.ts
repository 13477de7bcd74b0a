/**
 * The one place that knows where user content lives: `dac.config.ts`, `dashboards/*.ts`, `rules/*.ts`.
 * Modules are imported through tsx's loader, so users never compile their definitions.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../core/diagnostic.js';
import { DacError } from '../core/diagnostic.js';
import type { DashboardDefinition, Definition, RuleDefinition } from './define.js';

export const CONFIG_NAMES = ['dac.config.ts', 'dac.config.mts', 'dac.config.js', 'dac.config.mjs'];
const MODULE = /^[^._].*\.(ts|mts|js|mjs)$/;

export interface Loaded<T> {
  /** Repository-relative path with forward slashes. */
  source: string;
  value: T;
}

export interface LoadedProject {
  root: string;
  config: Loaded<unknown>;
  dashboards: Loaded<DashboardDefinition>[];
  rules: Loaded<RuleDefinition>[];
}

const rel = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const frame = err.stack?.split('\n').find((l) => /^\s+at /.test(l) && !l.includes('node_modules') && !l.includes('node:'));
    return frame ? `${err.message} (${frame.trim().replace(/^at /, 'at ')})` : err.message;
  }
  return String(err);
}

/**
 * How long one module may take to load. A top-level await that never settles would otherwise end
 * the process with exit code 13 and no word of which module hung.
 */
export function moduleLoadTimeoutMs(): number {
  const seconds = Number(process.env.DAC_MODULE_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

class ModuleTimeout extends Error {}

function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ModuleTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * bin/dac.js, running compiled, registers the TypeScript loader only when the first user module is
 * about to load (it costs several times node's own start-up); it leaves this function for that.
 */
const prepareModuleLoader = (globalThis as Record<symbol, unknown>)[Symbol.for('dac.prepareModuleLoader')] as
  (() => Promise<void>) | undefined;

/**
 * The default exports `dac watch` keeps between builds, by absolute file: a module still in it is
 * not imported again. The watcher evicts what changed and bumps the generation; node caches modules
 * by URL, so a query naming the generation makes it evaluate the file afresh (bin/module-hooks.js
 * passes the query on to the project's own modules that file imports).
 */
export interface ModuleCache {
  readonly exports: Map<string, unknown>;
  generation: number;
}

async function importModule(root: string, file: string, cache?: ModuleCache): Promise<unknown> {
  if (cache?.exports.has(file)) return cache.exports.get(file);
  const limit = moduleLoadTimeoutMs();
  try {
    await prepareModuleLoader?.();
    const url = pathToFileURL(file).href + (cache && cache.generation > 0 ? `?dac-watch=${cache.generation}` : '');
    const mod = (await bounded(import(url), limit)) as { default?: unknown };
    cache?.exports.set(file, mod.default);
    return mod.default;
  } catch (err) {
    if (err instanceof ModuleTimeout)
      throw new DacError([
        {
          severity: 'error',
          check: 'load',
          where: { file: rel(root, file), path: [] },
          message: `the module did not finish loading within ${limit / 1000} s (a top-level await that never settles?)`,
          hint: 'make every top-level await settle, or give it a timeout; set DAC_MODULE_TIMEOUT=<seconds> if loading really takes longer',
        },
      ]);
    if (err instanceof DacError) throw err;
    throw new DacError([
      {
        severity: 'error',
        check: 'load',
        where: { file: rel(root, file), path: [] },
        message: `the module failed to load: ${describeError(err)}`,
        hint: /require\(\) ES Module|outside a module|ERR_REQUIRE_ESM/.test(String(err))
          ? 'definitions are ES modules: add "type": "module" to the package.json of the project'
          : 'fix the error in this module; out/ was left unchanged',
      },
    ]);
  }
}

function listModules(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir, { withFileTypes: true })
      // A module linked in from elsewhere (a shared dashboard in a monorepo) counts like a file.
      .filter(
        (e) => MODULE.test(e.name) && !e.name.endsWith('.d.ts') && (e.isFile() || (e.isSymbolicLink() && isFile(path.join(dir, e.name)))),
      )
      .map((e) => path.join(dir, e.name))
      .sort()
  );
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false; // a dangling link
  }
}

function asDefinitions<K extends Definition['kind']>(
  root: string,
  file: string,
  value: unknown,
  kind: K,
): Extract<Definition, { kind: K }>[] {
  const values = Array.isArray(value) ? value : [value];
  const helper = kind === 'dashboard' ? 'defineDashboard' : 'defineRules';
  return values.map((v, i) => {
    if (typeof v !== 'object' || v === null || (v as Definition).kind !== kind || typeof (v as Definition).build !== 'function') {
      throw new DacError([
        {
          severity: 'error',
          check: 'load',
          where: { file: rel(root, file), path: values.length > 1 ? [`export #${i + 1}`] : [] },
          message: `the default export is not a ${kind} definition`,
          hint: `export default ${helper}({ id: '…', …, build(ctx) { … } })`,
        },
      ]);
    }
    return v as Extract<Definition, { kind: K }>;
  });
}

export function findConfig(root: string): string | undefined {
  return CONFIG_NAMES.map((n) => path.join(root, n)).find((f) => existsSync(f));
}

export async function loadProject(root: string, cache?: ModuleCache): Promise<LoadedProject> {
  const configFile = findConfig(root);
  if (!configFile) {
    throw new DacError([
      {
        severity: 'error',
        check: 'load',
        where: { file: 'dac.config.ts', path: [] },
        message: `no dac.config.ts in ${root}`,
        hint: 'run dac in the project folder, or pass --dir; the config lists the services to monitor',
      },
    ]);
  }
  // Every module is loaded even after one fails, so one run names every broken module.
  const problems: Diagnostic[] = [];
  const collect = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (err) {
      if (!(err instanceof DacError)) throw err;
      problems.push(...err.diagnostics);
      return undefined;
    }
  };
  const config = { source: rel(root, configFile), value: await collect(() => importModule(root, configFile, cache)) };
  const dashboards: Loaded<DashboardDefinition>[] = [];
  for (const file of listModules(path.join(root, 'dashboards'))) {
    const defs = await collect(async () => asDefinitions(root, file, await importModule(root, file, cache), 'dashboard'));
    for (const def of defs ?? []) dashboards.push({ source: rel(root, file), value: def });
  }
  const rules: Loaded<RuleDefinition>[] = [];
  for (const file of listModules(path.join(root, 'rules'))) {
    const defs = await collect(async () => asDefinitions(root, file, await importModule(root, file, cache), 'rules'));
    for (const def of defs ?? []) rules.push({ source: rel(root, file), value: def });
  }
  if (problems.length > 0) throw new DacError(withoutRepeats(problems));
  return { root, config, dashboards, rules };
}

/**
 * A project where dac itself is not installed (`dac init` run through npx, say) fails every module
 * the same way: one finding says so, rather than the same error once per module.
 */
function withoutRepeats(problems: Diagnostic[]): Diagnostic[] {
  const missing = problems.filter((p) => /Cannot find (package|module) 'dac'/.test(p.message));
  if (missing.length < 2) return problems;
  return [
    {
      severity: 'error',
      check: 'load',
      where: { file: 'package.json', path: [] },
      message: `dac is not installed in this project, so none of the ${missing.length} modules that import it can load (${missing.map((p) => p.where.file).join(', ')})`,
      hint: 'npm install --save-dev <path or URL of dac> typescript, then run the build again',
    },
    ...problems.filter((p) => !missing.includes(p)),
  ];
}
