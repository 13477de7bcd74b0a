/**
 * The corpus of broken definitions: each fixture in test/corpus/ breaks one thing in an otherwise
 * clean dashboard or rule file, and dac must report exactly that finding, at exactly that place.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/index.js';
import { DASHBOARD_SOURCE, loadFixture, modelFor } from './corpus/harness.js';

const dir = path.join(import.meta.dirname, 'corpus');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .sort();

describe('the clean fixture base', () => {
  it('validates without a single finding', () => {
    expect(checkModel(modelFor({ description: 'clean', expect: [] }))).toEqual([]);
  });
});

describe('broken definitions are reported exactly where they break', () => {
  it('the corpus holds at least 40 fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of fixtures) {
    const fixture = loadFixture(path.join(dir, name));
    it(`${name.replace(/\.yml$/, '')}: ${fixture.description}`, () => {
      const found = checkModel(modelFor(fixture)).map((d) => ({
        check: d.check,
        severity: d.severity,
        file: d.where.file,
        line: d.where.line,
        path: d.where.path,
        column: d.where.column,
        message: d.message,
        ...(fixture.expect.some((e) => e.hint) ? { hint: d.hint } : {}),
      }));
      const wanted = fixture.expect.map((e) => ({
        check: e.check,
        severity: e.severity,
        file: e.file ?? (e.path[0]?.startsWith('dashboard ') ? DASHBOARD_SOURCE : 'out/rules/corpus-fixture.yml'),
        line: e.line,
        path: e.path,
        column: e.column,
        message: e.message ? expect.stringContaining(e.message) : expect.any(String),
        ...(fixture.expect.some((x) => x.hint) ? { hint: e.hint ? expect.stringContaining(e.hint) : expect.anything() } : {}),
      }));
      expect(found).toEqual(wanted);
    });
  }
});
