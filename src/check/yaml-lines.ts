/**
 * Line numbers of groups, rules and rule fields in an emitted rule file, from the YAML text itself
 * (the `yaml` package's node ranges and LineCounter), so a finding points where a reader looks.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface RuleLines {
  /** 1-based line of each group's `- name:` entry. */
  groups: (number | undefined)[];
  /** Per group, per rule: the rule's first line and the lines of its fields (`expr`, `label severity`, `annotation summary`). */
  rules: ({ line: number; fields: Record<string, number> } | undefined)[][];
}

export function ruleFileLines(text: string): RuleLines {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: false });
  const lineAt = (node: Node | null | undefined): number | undefined => (node?.range ? counter.linePos(node.range[0]).line : undefined);
  const result: RuleLines = { groups: [], rules: [] };
  const groups = isMap(doc.contents) ? doc.contents.get('groups', true) : undefined;
  if (!isSeq(groups)) return result;
  for (const group of groups.items) {
    result.groups.push(lineAt(group as Node));
    const ruleLines: RuleLines['rules'][number] = [];
    const rules = isMap(group) ? group.get('rules', true) : undefined;
    if (isSeq(rules)) {
      for (const rule of rules.items) {
        if (!isMap(rule)) {
          ruleLines.push(undefined);
          continue;
        }
        const fields: Record<string, number> = {};
        for (const pair of rule.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          const keyLine = lineAt(pair.key as Node);
          if (keyLine !== undefined) fields[key] = keyLine;
          if ((key === 'labels' || key === 'annotations') && isMap(pair.value)) {
            for (const inner of pair.value.items) {
              const name = isScalar(inner.key) ? String(inner.key.value) : '';
              const line = lineAt(inner.key as Node);
              if (line !== undefined) fields[`${key === 'labels' ? 'label' : 'annotation'} ${name}`] = line;
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
