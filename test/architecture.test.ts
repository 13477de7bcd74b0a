/**
 * The shape of src/: one pipeline, each step importing only the steps before it, in files small
 * enough to read. A change that makes an earlier step reach into a later one (the diagnostic type
 * living in check/, a loader importing emit…) fails here with the import that did it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../tools/project-copy.js';

const SRC = path.join(repoRoot, 'src');

/**
 * Steps in pipeline order; a folder may import its own step and earlier ones. Authoring is one
 * step: definitions, dashboard factories and rule helpers are what user modules call, and they
 * refer to each other (a rule links to a dashboard, a definition returns rule groups). Emit comes
 * before check because the checks read the emitted files (line numbers, promtool, amtool).
 */
const STEPS: readonly (readonly string[])[] = [
  ['core'],
  ['config'],
  ['definitions', 'dashboards', 'rules'],
  ['slo'],
  ['model'],
  ['promql'],
  ['emit'],
  ['check'],
  ['io'],
  ['deliver'],
  ['pipeline.ts'],
  ['cli'],
];

/** The package's entry points (package.json `exports`): facades for user modules over every step. */
const ENTRY_POINTS = new Set(
  Object.values(
    JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).exports as Record<string, string | Record<string, string>>,
  )
    // An entry is a path, or conditions to paths: the sources are what the `dac-source` condition names.
    .map((target) => (typeof target === 'string' ? target : (target['dac-source'] ?? '')))
    .filter((target) => target.startsWith('./src/'))
    .map((target) => path.normalize(target.slice(2))),
);

/** Imports that still run backwards, each with the change that removes it. */
const KNOWN_BACKWARDS: Record<string, string> = {
  'src/slo/import/index.ts → src/model/types.ts': 'SLO import becomes text in, SLO model out (issue 11, item 2)',
};

/** A JSON Schema is data that ajv reads, not code to split. */
const LINE_LIMIT_EXEMPT = /\.schema\.ts$/;
const LINE_LIMIT = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function stepOf(file: string): number {
  const first = path.relative(SRC, file).split(path.sep)[0]!;
  const step = STEPS.findIndex((names) => names.includes(first));
  if (step < 0) throw new Error(`${path.relative(repoRoot, file)} belongs to no pipeline step: add "${first}" to STEPS`);
  return step;
}

/** Every relative import of a file (static, re-export, type-only and dynamic), as source paths. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const target = path.resolve(path.dirname(file), name);
      const source = target.replace(/\.js$/, '.ts');
      return existsSync(source) ? source : target;
    })
    .filter((target) => target.startsWith(SRC + path.sep));
}

const files = sourceFiles(SRC);
const rel = (file: string) => path.relative(repoRoot, file);

describe('src/ as one pipeline', () => {
  it('has no import from an earlier step to a later one', () => {
    const backwards: string[] = [];
    for (const file of files) {
      if (ENTRY_POINTS.has(rel(file))) continue;
      const from = stepOf(file);
      for (const target of importsOf(file)) {
        if (stepOf(target) > from) backwards.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    const unexpected = backwards.filter((edge) => !(edge in KNOWN_BACKWARDS));
    expect(unexpected, 'move the shared code down to the step both sides stand on (often src/core/)').toEqual([]);
    // A known exception that no longer occurs is taken off the list, so the list cannot hide a new one.
    expect(Object.keys(KNOWN_BACKWARDS).filter((edge) => !backwards.includes(edge))).toEqual([]);
  });

  it(`keeps every source file under ${LINE_LIMIT} lines`, () => {
    const long = files
      .filter((file) => !LINE_LIMIT_EXEMPT.test(file))
      .map((file) => ({ file: rel(file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > LINE_LIMIT)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long, 'split the file by job: one file per thing it does').toEqual([]);
  });
});
