import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
function ruleFileLines(text) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: false });
  const lineAt = (node) => node?.range ? counter.linePos(node.range[0]).line : void 0;
  const result = { groups: [], rules: [] };
  const groups = isMap(doc.contents) ? doc.contents.get("groups", true) : void 0;
  if (!isSeq(groups)) return result;
  for (const group of groups.items) {
    result.groups.push(lineAt(group));
    const ruleLines = [];
    const rules = isMap(group) ? group.get("rules", true) : void 0;
    if (isSeq(rules)) {
      for (const rule of rules.items) {
        if (!isMap(rule)) {
          ruleLines.push(void 0);
          continue;
        }
        const fields = {};
        for (const pair of rule.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : "";
          const keyLine = lineAt(pair.key);
          if (keyLine !== void 0) fields[key] = keyLine;
          if ((key === "labels" || key === "annotations") && isMap(pair.value)) {
            for (const inner of pair.value.items) {
              const name = isScalar(inner.key) ? String(inner.key.value) : "";
              const line = lineAt(inner.key);
              if (line !== void 0) fields[`${key === "labels" ? "label" : "annotation"} ${name}`] = line;
            }
          }
        }
        ruleLines.push({ line: lineAt(rule) ?? 0, fields });
      }
    }
    result.rules.push(ruleLines);
  }
  return result;
}
export {
  ruleFileLines
};
