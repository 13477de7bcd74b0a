/**
 * The "nothing changed" fast path of `dac build`. After a build that left out/ matching the
 * definitions, a record is kept (node_modules/.cache/dac/builds/) of everything the build read,
 * with a signature of each (the files' contents, the variables' values, dac's own build and the
 * versions of its dependencies), of what it printed, and of out/ as it then stood (each file's
 * size, change time and inode). The next build whose every input and every file of out/ still
 * matches has nothing to do: it prints what the last one printed, without loading a definition.
 * Anything that differs, or anything the record does not cover, means a full build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../core/ajv-cache.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { TrackedInputs } from './input-tracking.js';
import { entriesUnder } from './ownership.js';

/** Bumped when the record's meaning changes. */
const FORMAT = 1;

export interface BuildRecord {
  format: number;
  node: string;
  /** This module's file: dac compiled (dist/) and dac from its sources are different programs. */
  code: string;
  /** Absolute path → signature. */
  inputs: [string, string][];
  env: [string, string | null][];
  /** What the build printed, and what `--check` counts. */
  diagnostics: Diagnostic[];
  summary: string;
  fileCount: number;
  /** out/ (its real folder) as the build left it: relative path → size:ctime:inode. */
  out: [string, string][];
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 32);

const code = fileURLToPath(import.meta.url);
/** The folder dac ran from: two levels above this module, in src/io/ and dist/io/ alike. */
const dacRoot = path.resolve(path.dirname(code), '..', '..');

function recordFile(root: string, outDir: string): string {
  return path.join(cacheDir(), 'builds', `${sha(`${path.resolve(root)}\0${path.resolve(outDir)}`)}.json`);
}

const inNodeModules = (file: string) => file.split(path.sep).includes('node_modules');

/**
 * What a file is now. Contents are hashed, except inside node_modules, where packages are trusted
 * to change only with their package.json (recorded as an input alongside, and always hashed).
 */
export function signature(file: string): string {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return '-';
  }
  if (stat.isDirectory()) return `d:${sha(readdirSync(file).sort().join('\0'))}`;
  const base = `${stat.size}:${stat.mtimeMs}`;
  if (!stat.isFile() || (inNodeModules(file) && path.basename(file) !== 'package.json')) return base;
  return `${base}:${sha(readFileSync(file))}`;
}

/**
 * The package.json that governs a file: its package's, in node_modules (the version); the nearest
 * one above it elsewhere (its "type", "imports" and "exports" decide how modules load).
 */
function packageJsonOf(file: string, nearest: Map<string, string | undefined>): string | undefined {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0 && at + 1 < parts.length) {
    const name = parts[at + 1]!.startsWith('@') ? 2 : 1;
    return [...parts.slice(0, at + 1 + name), 'package.json'].join(path.sep);
  }
  const dir = path.dirname(file);
  if (!nearest.has(dir)) {
    const own = path.join(dir, 'package.json');
    nearest.set(dir, existsSync(own) ? own : path.dirname(dir) === dir ? undefined : packageJsonOf(dir, nearest));
  }
  return nearest.get(dir);
}

/** dac itself: its package.json, compiled build marker, launcher, and every dependency's package.json. */
function dacInputs(): string[] {
  const own = path.join(dacRoot, 'package.json');
  const files = [
    own,
    path.join(dacRoot, 'dist', '.built'),
    path.join(dacRoot, 'bin', 'dac.js'),
    path.join(dacRoot, 'bin', 'module-hooks.js'),
  ];
  let deps: string[] = [];
  try {
    deps = Object.keys((JSON.parse(readFileSync(own, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});
  } catch {
    // no readable package.json: its signature ('-' or a hash) still keys the record
  }
  for (const dep of deps) {
    for (let dir = dacRoot; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', dep, 'package.json');
      if (existsSync(candidate) || path.dirname(dir) === dir) {
        files.push(candidate);
        break;
      }
    }
  }
  return files;
}

function outSignature(outDir: string): [string, string][] | undefined {
  let dir: string;
  try {
    dir = realpathSync(outDir);
  } catch {
    return undefined;
  }
  // A killed build's leftovers beside out/ are for the full build to recover and report.
  const base = path.basename(dir);
  if (readdirSync(path.dirname(dir)).some((n) => n.startsWith(`.${base}.new-`) || n.startsWith(`.${base}.old-`))) return undefined;
  return entriesUnder(dir)
    .sort()
    .map((rel) => {
      const stat = statSync(path.join(dir, rel), { bigint: true });
      return [rel, `${stat.size}:${stat.ctimeNs}:${stat.ino}`];
    });
}

const same = (a: [string, string][], b: [string, string][]) =>
  a.length === b.length && a.every(([k, v], i) => b[i]![0] === k && b[i]![1] === v);

/** The record of the last build when nothing it read and nothing in out/ has changed since. */
export function unchangedBuild(root: string, outDir: string): BuildRecord | undefined {
  if (process.env.DAC_BUILD_CACHE === '0') return undefined;
  let record: BuildRecord;
  try {
    record = JSON.parse(readFileSync(recordFile(root, outDir), 'utf8')) as BuildRecord;
  } catch {
    return undefined;
  }
  if (record.format !== FORMAT || record.node !== process.version || record.code !== code) return undefined;
  for (const [key, value] of record.env) {
    const now = key === '*' ? JSON.stringify(Object.entries(process.env).sort()) : (process.env[key] ?? null);
    if (now !== value) return undefined;
  }
  for (const [file, sig] of record.inputs) if (signature(file) !== sig) return undefined;
  const out = outSignature(outDir);
  return out && same(out, record.out) ? record : undefined;
}

/**
 * Keeps the record of a build that left out/ matching its definitions. Not kept when the build ran
 * a process or fetched, or when an input changed while it ran (its result may predate the change).
 */
export function rememberBuild(
  root: string,
  outDir: string,
  startedMs: number,
  tracked: TrackedInputs,
  result: Pick<BuildRecord, 'diagnostics' | 'summary' | 'fileCount'>,
  definitions: readonly string[],
): void {
  if (process.env.DAC_BUILD_CACHE === '0' || tracked.uncacheable) return;
  const files = new Set([...tracked.files].map((f) => path.resolve(f)));
  // Each definition module must be among what was seen loading, or the record would miss an input.
  if (!definitions.every((d) => files.has(path.resolve(root, d)))) return;
  const out = outSignature(outDir);
  if (!out) return;
  const outReal = realpathSync(outDir);
  const nearest = new Map<string, string | undefined>();
  for (const f of [...files]) {
    const pkg = packageJsonOf(f, nearest);
    if (pkg) files.add(pkg);
  }
  for (const f of dacInputs()) files.add(f);
  for (const f of ['package.json', 'tsconfig.json']) files.add(path.join(root, f));
  const inputs: [string, string][] = [];
  for (const file of [...files].sort()) {
    // out/ itself is recorded by its own signature; a write's own temporary files are not inputs.
    if (file === outReal || file.startsWith(outReal + path.sep) || file.startsWith(path.resolve(outDir) + path.sep)) continue;
    try {
      if (statSync(file).mtimeMs >= startedMs) return;
    } catch {
      // missing: recorded as such
    }
    inputs.push([file, signature(file)]);
  }
  const record: BuildRecord = { format: FORMAT, node: process.version, code, inputs, env: [...tracked.env].sort(), ...result, out };
  try {
    const file = recordFile(root, outDir);
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(record));
    renameSync(tmp, file);
  } catch {
    // A read-only install builds fully every time.
  }
}
