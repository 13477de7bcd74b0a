/**
 * Compiled ajv validators, cached as standalone code on disk. Compiling the dashboard schema costs
 * about a tenth of a second on every cold `dac build`; loading the generated code costs a few
 * milliseconds. The cache key covers the schemas, the options and ajv's version, so a changed schema
 * is simply compiled again. Without a writable cache folder, validators are compiled in memory.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv as AjvClass, Options, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

// Each found once per process: once tsx has hooked require() (the first user module loads), every
// resolution goes through it, which at 200 services cost most of a second over a build's lookups.
let ajvCacheDir: string | undefined;
let ajvVersionFound: string | undefined;

/** Beside ajv, in node_modules/.cache: the generated code then resolves ajv's runtime helpers from the same install. */
export function cacheDir(): string {
  if (process.env.DAC_CACHE_DIR) return process.env.DAC_CACHE_DIR;
  return (ajvCacheDir ??= path.join(path.dirname(require.resolve('ajv/package.json')), '..', '.cache', 'dac'));
}

function ajvVersion(): string {
  try {
    return (ajvVersionFound ??= (require('ajv/package.json') as { version: string }).version);
  } catch {
    return 'unknown';
  }
}

export function compileCached<K extends string>(schemas: Record<K, object>, options: Options): Record<K, ValidateFunction> {
  const names = Object.keys(schemas).sort() as K[];
  const key = createHash('sha256')
    .update(JSON.stringify([ajvVersion(), options, names.map((n) => [n, schemas[n]])]))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(cacheDir(), `validators-${key}.cjs`);
  try {
    return require(file) as Record<K, ValidateFunction>;
  } catch {
    // Not cached yet (or unreadable): compile below.
  }
  // ajv itself (its compiler, about 50 ms to load) is needed only when the cache misses.
  const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
  const standaloneCode = require('ajv/dist/standalone/index.js') as (a: AjvClass, refs: Record<string, string>) => string;
  const ajv = new Ajv({ ...options, code: { ...options.code, source: true } });
  for (const n of names) ajv.addSchema(schemas[n], n);
  const validators = Object.fromEntries(names.map((n) => [n, ajv.getSchema(n)!])) as Record<K, ValidateFunction>;
  try {
    const code = standaloneCode(ajv, Object.fromEntries(names.map((n) => [n, n])));
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  } catch {
    // A read-only install still validates; it just compiles every time.
  }
  return validators;
}
