/** What `dac build --check` reports: how the committed out/ differs from a fresh build. */
import { diffArrays } from 'diff';
import type { OutFiles } from './files.js';

export interface TreeChange {
  path: string;
  kind: 'added' | 'changed' | 'removed';
  /** A few lines of unified-style diff for changed files. */
  diff?: string;
}

export function compareTrees(expected: OutFiles, actual: OutFiles): TreeChange[] {
  const changes: TreeChange[] = [];
  const paths = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  for (const p of paths) {
    const want = expected.get(p);
    const have = actual.get(p);
    if (want === have) continue;
    if (have === undefined) changes.push({ path: p, kind: 'added' });
    else if (want === undefined) changes.push({ path: p, kind: 'removed' });
    else changes.push({ path: p, kind: 'changed', diff: shortDiff(have, want) });
  }
  return changes;
}

type Op = { tag: ' ' | '-' | '+'; line: string };

/**
 * Past this many differing lines a file is shown as all removed, then all added: the diff of two
 * unrelated texts costs time without telling the reader more.
 */
const MAX_EDIT_LENGTH = 4_000;

function diffLines(a: string[], b: string[]): Op[] {
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return [...a.map((line): Op => ({ tag: '-', line })), ...b.map((line): Op => ({ tag: '+', line }))];
  return changes.flatMap((c) => c.value.map((line): Op => ({ tag: c.added ? '+' : c.removed ? '-' : ' ', line })));
}

export function shortDiff(before: string, after: string, context = 2, maxLines = 24): string {
  const ops = diffLines(before.split('\n'), after.split('\n'));
  const keep = new Set<number>();
  ops.forEach((op, i) => {
    if (op.tag !== ' ') for (let k = Math.max(0, i - context); k <= Math.min(ops.length - 1, i + context); k++) keep.add(k);
  });
  const out: string[] = [];
  let last = -1;
  for (const i of [...keep].sort((p, q) => p - q)) {
    if (last !== -1 && i !== last + 1) out.push('  …');
    out.push(`${ops[i]!.tag} ${ops[i]!.line}`);
    last = i;
  }
  const more = out.length - maxLines;
  return more > 0 ? [...out.slice(0, maxLines), `  … ${more} more diff lines`].join('\n') : out.join('\n');
}
