/**
 * What a build read: every file opened or listed through node:fs, every environment variable
 * looked up, every module loaded through dac's module hooks. A user's config may read a services
 * list from a YAML file or a URL from the environment; the build cache (build-cache.ts) may only
 * reuse a result while all of these are unchanged. A build that runs a process or fetches from the
 * network depends on something no file records: it is never cached.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface TrackedInputs {
  /** Absolute paths read, listed or probed (existing or not). */
  files: Set<string>;
  /** Variables looked up, with the value seen (null: unset); `*` when the whole environment was listed. */
  env: Map<string, string | null>;
  /** Why the result may not be reused, when it may not. */
  uncacheable?: string;
}

export interface Tracking {
  stop(): TrackedInputs;
}

const FS_READERS = ['readFileSync', 'existsSync', 'statSync', 'lstatSync', 'readdirSync', 'openSync', 'accessSync', 'opendirSync'];
const FS_CALLBACKS = ['readFile', 'readdir', 'stat', 'lstat', 'open', 'access', 'opendir'];
const FS_PROMISES = ['readFile', 'readdir', 'stat', 'lstat', 'open', 'access', 'opendir'];
const PROCESSES = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'];

type Patchable = Record<string, unknown>;

function pathOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof URL && arg.protocol === 'file:') return fileURLToPath(arg);
  if (Buffer.isBuffer(arg)) return arg.toString();
  return undefined; // a file descriptor: its path was recorded when it was opened
}

/**
 * Starts recording. Node's modules are patched in place (and their ES module views synced), so
 * dac's code and the user's alike are seen; stop() puts everything back.
 */
export function trackInputs(): Tracking {
  const inputs: TrackedInputs = { files: new Set(), env: new Map() };
  const restore: (() => void)[] = [];
  const patch = (target: Patchable, name: string, wrap: (original: (...args: unknown[]) => unknown) => unknown) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = wrap(original as (...args: unknown[]) => unknown);
    restore.push(() => (target[name] = original));
  };
  const recording = (original: (...args: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      const file = pathOf(args[0]);
      if (file !== undefined) inputs.files.add(file);
      return original.apply(this, args);
    };
  for (const name of FS_READERS) patch(fs as unknown as Patchable, name, recording);
  for (const name of FS_CALLBACKS) patch(fs as unknown as Patchable, name, recording);
  for (const name of FS_PROMISES) patch(fs.promises as unknown as Patchable, name, recording);
  for (const name of PROCESSES)
    patch(
      childProcess as unknown as Patchable,
      name,
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          inputs.uncacheable ??= `the build ran a process (child_process.${name})`;
          return original.apply(this, args);
        },
    );
  patch(
    globalThis as unknown as Patchable,
    'fetch',
    (original) =>
      function (this: unknown, ...args: unknown[]) {
        inputs.uncacheable ??= 'the build fetched from the network';
        return original.apply(this, args);
      },
  );
  syncBuiltinESMExports();

  const realEnv = process.env;
  const seen = (key: string) => {
    if (!inputs.env.has(key)) inputs.env.set(key, realEnv[key] ?? null);
  };
  process.env = new Proxy(realEnv, {
    get(target, key) {
      if (typeof key === 'string') seen(key);
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === 'string') seen(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      inputs.env.set('*', JSON.stringify(Object.entries(target).sort()));
      return Reflect.ownKeys(target);
    },
  });

  return {
    stop() {
      process.env = realEnv;
      for (const undo of restore.reverse()) undo();
      syncBuiltinESMExports();
      const modules = loadedModules();
      if (modules) for (const file of modules) inputs.files.add(file);
      else inputs.uncacheable ??= 'the modules it loaded are not known (dac runs without its module hooks)';
      return inputs;
    },
  };
}

/**
 * The files of every module loaded since bin/dac.js registered its module hooks, which report each
 * one (user modules and what they import). Unknown when dac runs without them (a test, an API user).
 */
export function loadedModules(): string[] | undefined {
  const report = (globalThis as Record<symbol, unknown>)[Symbol.for('dac.loadedModules')] as (() => string[]) | undefined;
  return report?.()
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url.replace(/[?#].*$/, '')));
}
