import { diffArrays } from "diff";
function compareTrees(expected, actual) {
  const changes = [];
  const paths = [.../* @__PURE__ */ new Set([...expected.keys(), ...actual.keys()])].sort();
  for (const p of paths) {
    const want = expected.get(p);
    const have = actual.get(p);
    if (want === have) continue;
    if (have === void 0) changes.push({ path: p, kind: "added" });
    else if (want === void 0) changes.push({ path: p, kind: "removed" });
    else changes.push({ path: p, kind: "changed", diff: shortDiff(have, want) });
  }
  return changes;
}
const MAX_EDIT_LENGTH = 4e3;
function diffLines(a, b) {
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return [...a.map((line) => ({ tag: "-", line })), ...b.map((line) => ({ tag: "+", line }))];
  return changes.flatMap((c) => c.value.map((line) => ({ tag: c.added ? "+" : c.removed ? "-" : " ", line })));
}
function shortDiff(before, after, context = 2, maxLines = 24) {
  const ops = diffLines(before.split("\n"), after.split("\n"));
  const keep = /* @__PURE__ */ new Set();
  ops.forEach((op, i) => {
    if (op.tag !== " ") for (let k = Math.max(0, i - context); k <= Math.min(ops.length - 1, i + context); k++) keep.add(k);
  });
  const out = [];
  let last = -1;
  for (const i of [...keep].sort((p, q) => p - q)) {
    if (last !== -1 && i !== last + 1) out.push("  \u2026");
    out.push(`${ops[i].tag} ${ops[i].line}`);
    last = i;
  }
  const more = out.length - maxLines;
  return more > 0 ? [...out.slice(0, maxLines), `  \u2026 ${more} more diff lines`].join("\n") : out.join("\n");
}
export {
  compareTrees,
  shortDiff
};
