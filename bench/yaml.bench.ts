/**
 * Why dac keeps its own YAML writer: the time it takes to write every YAML document of the
 * built-in output (out/ of this repository) against the `yaml` package with the options the
 * writer matches (block style, 2-space indent, no folding). Printed as a ratio, never asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { writeYaml } from '../src/emit/yaml-writer.js';
import { repoRoot } from '../tools/project-copy.js';
import { median } from './measure.js';

const RUNS = 15;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

/** Median wall time of one pass writing every document, after one pass to warm the JIT. */
function timePass(documents: readonly unknown[], write: (value: unknown) => string): number {
  const pass = () => {
    const start = process.hrtime.bigint();
    for (const d of documents) write(d);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  pass();
  return median(Array.from({ length: RUNS }, pass));
}

export function runYamlBench(): void {
  const files = yamlFiles(path.join(repoRoot, 'out'));
  const documents = files.flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS() as unknown));
  const own = timePass(documents, writeYaml);
  const library = timePass(documents, (v) => stringify(v, { lineWidth: 0, indent: 2, aliasDuplicateObjects: false }));
  console.log(
    `yaml   ${documents.length} documents of out/ (${files.length} files), median of ${RUNS}: dac's writer ${own.toFixed(1)} ms, ` +
      `yaml package ${library.toFixed(1)} ms: ${(library / own).toFixed(1)}× the time`,
  );
}
