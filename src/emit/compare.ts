/** What `dac build --check` reports: how the committed out/ differs from a fresh build. */
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

/** Line diff by longest common subsequence; generated files are small enough for O(n·m). */
function diffLines(a: string[], b: string[]): Op[] {
  // Trim the common head and tail first: most changes touch a few lines of a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const ops: Op[] = a.slice(0, head).map((line) => ({ tag: ' ', line }));
  if (x.length * y.length > 4_000_000) {
    ops.push(...x.map((line): Op => ({ tag: '-', line })), ...y.map((line): Op => ({ tag: '+', line })));
  } else {
    const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
    for (let i = x.length - 1; i >= 0; i--)
      for (let j = y.length - 1; j >= 0; j--)
        lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        ops.push({ tag: ' ', line: x[i]! });
        i++;
        j++;
      } else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ tag: '+', line: y[j++]! });
      else ops.push({ tag: '-', line: x[i++]! });
    }
  }
  ops.push(...a.slice(a.length - tail).map((line): Op => ({ tag: ' ', line })));
  return ops;
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
