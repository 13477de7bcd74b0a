import { isAlert } from "../rules/model.js";
import { sortedRecord } from "./serialize.js";
function canonicalRule(rule) {
  if (isAlert(rule)) {
    return {
      alert: rule.alert,
      expr: rule.expr,
      ...rule.for ? { for: rule.for } : {},
      ...rule.keep_firing_for ? { keep_firing_for: rule.keep_firing_for } : {},
      ...rule.labels ? { labels: sortedRecord(rule.labels) } : {},
      ...rule.annotations ? { annotations: sortedRecord(rule.annotations) } : {}
    };
  }
  return { record: rule.record, expr: rule.expr, ...rule.labels ? { labels: sortedRecord(rule.labels) } : {} };
}
function ruleFileDocument(file) {
  return {
    groups: file.groups.map((g) => ({
      name: g.name,
      ...g.interval ? { interval: g.interval } : {},
      rules: g.rules.map(canonicalRule)
    }))
  };
}
function testFileDocument(file) {
  return {
    rule_files: [`../${file.outPath}`],
    evaluation_interval: "1m",
    tests: file.tests
  };
}
function testPathFor(file) {
  return `tests/${file.stem}.test.yml`;
}
export {
  ruleFileDocument,
  testFileDocument,
  testPathFor
};
