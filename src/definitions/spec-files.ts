/**
 * The SLO specs under `rules/slo/` as text, read by the one loader so that importing them stays a
 * pure function of that text. A file name or content that is not UTF-8 is a located error: a
 * replacement character silently put into an alert's summary is worse than a refusal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { DacError } from '../core/diagnostic.js';

export const SLO_SPEC_DIR = 'rules/slo';
const SPEC_FILE = /^[^._].*\.ya?ml$/;

export interface SpecText {
  /** Repository-relative path, e.g. `rules/slo/reads.yml`. */
  source: string;
  /** Path within rules/slo/, with forward slashes: `reads.yml`, `team-a/reads.yml`. */
  name: string;
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** 1-based line and column of the first byte that is not valid UTF-8. */
function badByteAt(bytes: Buffer): { line: number; column: number } {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, found by halving: decoding is all or nothing.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      utf8.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  const before = bytes.subarray(0, lo).toString('utf8').split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/**
 * Every spec under rules/slo/, in its subfolders too (a team's folder, say), sorted by path. Names
 * starting with `.` or `_` are skipped, folders alike: editors' and tools' files, or a spec set aside.
 * A linked folder is not followed: a link back up would never end.
 */
export function loadSpecTexts(root: string): SpecText[] {
  const problems: Diagnostic[] = [];
  const texts: SpecText[] = [];
  const walk = (within: string) => {
    const dir = path.join(root, SLO_SPEC_DIR, within);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return;
    }
    for (const entry of entries) {
      let base: string;
      try {
        base = utf8.decode(entry.name);
      } catch {
        problems.push({
          severity: 'error',
          check: 'load/encoding',
          where: { file: `${SLO_SPEC_DIR}/${within}${entry.name.toString('latin1')}`, path: [] },
          message: `the ${entry.isDirectory() ? 'folder' : 'file'} name is not UTF-8 (shown here as Latin-1)`,
          hint: 'rename it with UTF-8 characters only (plain ASCII is safest): Prometheus and Git tools mangle such names',
        });
        continue;
      }
      const name = `${within}${base}`;
      if (entry.isDirectory() && /^[^._]/.test(base)) {
        walk(`${name}/`);
        continue;
      }
      if (!SPEC_FILE.test(base) || !entry.isFile()) continue;
      const source = `${SLO_SPEC_DIR}/${name}`;
      const bytes = readFileSync(path.join(dir, base));
      try {
        texts.push({ source, name, text: utf8.decode(bytes) });
      } catch {
        const { line, column } = badByteAt(bytes);
        problems.push({
          severity: 'error',
          check: 'load/encoding',
          where: { file: source, line, column, path: [] },
          message: 'the file is not UTF-8: a byte here is not valid UTF-8 (Latin-1 or Windows-1252 text?)',
          hint: `convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8 ${source} > fixed.yml`,
        });
      }
    }
  };
  walk('');
  if (problems.length > 0) throw new DacError(problems);
  return texts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
