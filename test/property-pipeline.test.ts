/**
 * Property: whatever a user puts in dac.config.ts or rules/slo/, the whole pipeline (config →
 * SLO import → assembly → checks → emit) either produces files or stops with located findings.
 * It never crashes. Inputs are the built-in config and the built-in specs, mutated by fast-check:
 * values of any type at any path, fields removed, spec text cut or spliced.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/index.js';
import { DacError, hasErrors } from '../src/core/diagnostic.js';
import { resolveConfig } from '../src/config/validate.js';
import { loadProject, type LoadedProject } from '../src/definitions/load.js';
import { loadSpecTexts, type SpecText } from '../src/definitions/spec-files.js';
import { emitFiles } from '../src/emit/files.js';
import { assembleLoaded } from '../src/model/assemble.js';
import { importSloSpecTexts } from '../src/slo/import/index.js';
import { repoRoot } from '../tools/project-copy.js';
import { paths, setAt } from './hostile/cases.js';

let project: LoadedProject;
let baseConfig: unknown;
let baseSpecs: SpecText[];
beforeAll(async () => {
  project = await loadProject(repoRoot);
  baseConfig = JSON.parse(JSON.stringify(project.config.value));
  baseSpecs = loadSpecTexts(repoRoot);
}, 120_000);

/** Runs the pipeline; returns what it ended in. Any error other than located findings fails the property. */
function runPipeline(config: unknown, specs: readonly SpecText[]): 'files' | 'findings' {
  try {
    const services = resolveConfig(config, 'dac.config.ts');
    const imported = importSloSpecTexts(specs, services);
    const model = assembleLoaded({ ...project, config: { source: 'dac.config.ts', value: config } }, imported, services);
    if (hasErrors(checkModel(model))) return 'findings';
    emitFiles(model);
    return 'files';
  } catch (err) {
    if (!(err instanceof DacError)) throw err;
    for (const d of err.diagnostics) {
      expect(d.where.file, d.message).toMatch(/\S/);
      expect(d.message).toMatch(/\S/);
    }
    return 'findings';
  }
}

const anyValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(0, -1, 1e308, Number.NaN, Infinity, '', ' ', '5m', '0s', '-1h', '100', 'le', '{{', '$job', 'a"b'),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }),
);

function mutate(base: unknown, edits: { at: number; value: unknown; remove: boolean }[]): unknown {
  let value = base;
  for (const e of edits) {
    const all = paths(value);
    if (all.length === 0) break;
    const at = all[e.at % all.length]!;
    value = setAt(value, at, e.remove ? undefined : e.value);
  }
  return value;
}

const edits = fc.array(fc.record({ at: fc.nat(), value: anyValue, remove: fc.boolean() }), { minLength: 1, maxLength: 3 });

describe('the pipeline never crashes', () => {
  it('builds the built-in config and specs unmutated', () => {
    expect(runPipeline(baseConfig, baseSpecs)).toBe('files');
  });

  it('on the built-in config with values of any type at any path, or fields removed', () => {
    fc.assert(
      fc.property(edits, (e) => {
        runPipeline(mutate(baseConfig, e), baseSpecs);
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });

  it('on the built-in SLO specs with values of any type at any path', () => {
    fc.assert(
      fc.property(fc.nat(), edits, (which, e) => {
        const spec = baseSpecs[which % baseSpecs.length]!;
        const docs = spec.text.split(/^---$/m).map((d) => parse(d) as unknown);
        const doc = which % docs.length;
        docs[doc] = mutate(docs[doc], e);
        const text = docs.map((d) => stringify(d)).join('---\n');
        runPipeline(baseConfig, [{ ...spec, text }]);
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });

  it('on SLO spec text cut short or spliced with arbitrary text', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (which, at, insert) => {
        const spec = baseSpecs[which % baseSpecs.length]!;
        const cut = at % (spec.text.length + 1);
        runPipeline(baseConfig, [{ ...spec, text: spec.text.slice(0, cut) + insert + spec.text.slice(cut + insert.length) }]);
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });
});
