/**
 * What dac may replace. A build swaps its output folder away as a whole, so pointing --out at the
 * wrong folder would delete it: only a folder dac wrote itself (named in its marker) or an empty
 * one is ever replaced, and never one that holds or lies inside the project's own sources.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { DacError } from '../core/diagnostic.js';

/** The marker file in every output folder: its header says whose it is, its lines what dac wrote. */
export const MARKER = '.dac-output';

const MARKER_HEADER = [
  '# This folder is written by dac (`dac build`) and replaced as a whole on every build.',
  '# dac refuses to replace a folder that holds files not listed below. Do not edit.',
];

/** Project folders no build may replace, hold, or write into. */
const SOURCES = ['dashboards', 'rules', 'src', 'node_modules', '.git'];

export function markerText(paths: Iterable<string>): string {
  return `${[...MARKER_HEADER, ...[...paths].sort()].join('\n')}\n`;
}

/** The files a marker says dac wrote, or undefined when the folder has no (readable) marker. */
function markedFiles(dir: string): Set<string> | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, MARKER), 'utf8');
  } catch {
    return undefined;
  }
  if (!text.startsWith(MARKER_HEADER[0]!)) return undefined;
  return new Set(text.split('\n').filter((line) => line !== '' && !line.startsWith('#')));
}

const shown = (dir: string) => path.relative(process.cwd(), dir) || '.';

function refuse(dir: string, message: string, hint: string): DacError {
  return new DacError([{ severity: 'error', check: 'write/ownership', where: { file: shown(dir), path: [] }, message, hint }], 2);
}

const real = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + path.sep);

/**
 * Everything under `dir` that is not a folder, relative with `/`: files, links, sockets alike,
 * since replacing the folder would delete each of them.
 */
export function entriesUnder(dir: string): string[] {
  return [...walkEntries(dir)];
}

function* walkEntries(dir: string, sub = ''): Generator<string> {
  for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walkEntries(dir, rel);
    else yield rel;
  }
}

/**
 * Refuses, before anything is touched, an output folder that is the project or one of its
 * sources, contains them, or holds files dac did not write. `files` are the paths this build
 * writes: a folder without a marker (built before markers existed) is accepted when it holds
 * nothing else.
 */
export function assertReplaceable(target: string, projectRoot: string | undefined, files: ReadonlySet<string>): void {
  const dir = real(target);
  if (projectRoot !== undefined) {
    const root = real(projectRoot);
    if (within(root, dir))
      throw refuse(
        target,
        dir === root ? 'is the project folder itself; a build replaces its output folder as a whole' : 'contains the project folder',
        'pass --out <folder> naming a folder of its own inside the project, such as out',
      );
    for (const name of SOURCES) {
      const source = path.join(root, name);
      if (!existsSync(source)) continue;
      const src = real(source);
      if (within(dir, src) || within(src, dir))
        throw refuse(
          target,
          `${dir === src ? 'is' : within(dir, src) ? 'is inside' : 'contains'} the project's ${name}/ folder, which dac never replaces`,
          'pass --out <folder> naming a folder of its own inside the project, such as out',
        );
    }
  }
  if (!existsSync(dir)) return;
  if (!lstatSync(dir).isDirectory()) return; // reported by the writer, which names the problem better
  const marked = markedFiles(dir);
  // A wrong --out can name a huge folder: stop at the first few foreign files.
  const foreign: string[] = [];
  for (const rel of walkEntries(dir)) {
    if (rel !== MARKER && !(marked ?? files).has(rel)) foreign.push(rel);
    if (foreign.length > 3) break;
  }
  if (foreign.length > 0) {
    const sample = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ', …' : '');
    throw refuse(
      target,
      marked
        ? `holds files dac did not write: ${sample}`
        : `is not a dac output folder (no ${MARKER} marker) and holds files this build would not write: ${sample}`,
      'move those files out of the folder (dac never deletes what it did not create), or pass --out <folder> to build elsewhere',
    );
  }
}
