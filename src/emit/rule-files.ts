import type { PromtoolTestFile, Rule, RuleFile } from '../rules/model.js';
import { isAlert } from '../rules/model.js';
import type { BuiltRuleFile } from '../model/types.js';
import { sortedRecord } from './serialize.js';

/** A rule with keys in the conventional reading order and its maps sorted. */
function canonicalRule(rule: Rule): Rule {
  if (isAlert(rule)) {
    return {
      alert: rule.alert,
      expr: rule.expr,
      ...(rule.for ? { for: rule.for } : {}),
      ...(rule.keep_firing_for ? { keep_firing_for: rule.keep_firing_for } : {}),
      ...(rule.labels ? { labels: sortedRecord(rule.labels)! } : {}),
      ...(rule.annotations ? { annotations: sortedRecord(rule.annotations)! } : {}),
    };
  }
  return { record: rule.record, expr: rule.expr, ...(rule.labels ? { labels: sortedRecord(rule.labels)! } : {}) };
}

export function ruleFileDocument(file: BuiltRuleFile): RuleFile {
  return {
    groups: file.groups.map((g) => ({
      name: g.name,
      ...(g.interval ? { interval: g.interval } : {}),
      rules: g.rules.map(canonicalRule),
    })),
  };
}

/** The promtool test file sits in out/tests/ and names its rule file relative to itself. */
export function testFileDocument(file: BuiltRuleFile): PromtoolTestFile {
  return {
    rule_files: [`../${file.outPath}`],
    evaluation_interval: '1m',
    tests: file.tests,
  };
}

export function testPathFor(file: BuiltRuleFile): string {
  return `tests/${file.stem}.test.yml`;
}
