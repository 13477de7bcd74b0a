/**
 * What a definition's `build()` or `tests()` handed back, checked before anything reads it: user
 * code is JavaScript at run time, whatever its types said, and a wrong value would otherwise
 * surface far away as a crash in emit or check.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Diagnostic } from '../core/diagnostic.js';
import type { PromtoolTestCase, RuleGroup } from '../rules/model.js';

type Report = (path: string[], message: string, hint: string) => void;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') return 'a Promise';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const ASYNC_HINT =
  'build() runs synchronously: do asynchronous work at the top of the module (top-level await) and use its result in build()';

/** A dashboard from `build()`: a builder (anything with its own `build()`) or the dashboard object. */
export function dashboardFrom(value: unknown, report: Report): Dashboard | undefined {
  const hint = 'return the dashboard: a builder from dac/dashboards (or the foundation SDK), or the object its .build() gives';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report([], `build() returned ${kindOf(value)}, not a dashboard`, hint);
    return undefined;
  }
  if (typeof (value as { then?: unknown }).then === 'function') {
    report([], 'build() returned a Promise, not a dashboard', ASYNC_HINT);
    return undefined;
  }
  const built = typeof (value as { build?: unknown }).build === 'function' ? (value as { build(): unknown }).build() : value;
  if (typeof built !== 'object' || built === null || Array.isArray(built)) {
    report([], `build() returned a builder whose .build() gave ${kindOf(built)}, not a dashboard`, hint);
    return undefined;
  }
  const panels = (built as { panels?: unknown }).panels;
  if (panels !== undefined && !Array.isArray(panels)) {
    report([], `the dashboard's panels are ${kindOf(panels)}, not a list`, hint);
    return undefined;
  }
  return built as Dashboard;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function stringMap(value: unknown, path: string[], field: string, report: Report): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report(path, `${field} is ${kindOf(value)}, not an object of strings`, `write ${field}: { name: 'value' }`);
    return false;
  }
  const bad = Object.entries(value).filter(([, v]) => typeof v !== 'string');
  for (const [k, v] of bad)
    report(path, `${field}.${k} is ${kindOf(v)}, not a string`, `Prometheus ${field} are strings: write ${field}: { ${k}: '…' }`);
  return bad.length === 0;
}

/** The rule groups from a rule module's `build()`; undefined (with findings) when they cannot be used. */
export function ruleGroupsFrom(value: unknown, report: Report): RuleGroup[] | undefined {
  if (typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function') {
    report([], 'build() returned a Promise, not a list of rule groups', ASYNC_HINT);
    return undefined;
  }
  if (!Array.isArray(value)) {
    const hint =
      typeof value === 'object' && value !== null && 'groups' in value
        ? 'return the list itself: build() { return [{ name, rules }] }, not { groups: [...] }'
        : "return a list of rule groups: build() { return [{ name: 'my-group', rules: [alert(...)] }] }";
    report([], `build() returned ${kindOf(value)}, not a list of rule groups`, hint);
    return undefined;
  }
  let ok = true;
  value.forEach((group: unknown, g) => {
    const name = (group as { name?: unknown })?.name;
    const at = [isText(name) ? `group ${name}` : `group #${g + 1}`];
    if (typeof group !== 'object' || group === null || Array.isArray(group)) {
      report(at, `the group is ${kindOf(group)}, not { name, rules }`, "write { name: 'my-group', rules: [...] }");
      ok = false;
      return;
    }
    if (!isText(name)) {
      report(at, 'the group has no name', "give it one: { name: 'my-group', rules: [...] }");
      ok = false;
    }
    const rules = (group as { rules?: unknown }).rules;
    if (!Array.isArray(rules)) {
      report(at, `the group's rules are ${kindOf(rules)}, not a list`, 'write rules: [ ... ]');
      ok = false;
      return;
    }
    rules.forEach((rule: unknown, r) => {
      const alert = (rule as { alert?: unknown })?.alert;
      const record = (rule as { record?: unknown })?.record;
      const ruleAt = [...at, isText(alert) ? `alert ${alert}` : isText(record) ? `record ${record}` : `rule #${r + 1}`];
      if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
        report(ruleAt, `the rule is ${kindOf(rule)}, not an alerting or recording rule`, 'use alert({...}) or write { record, expr }');
        ok = false;
        return;
      }
      if (!isText(alert) && !isText(record)) {
        report(ruleAt, 'the rule has neither an alert nor a record name', "name it: { alert: 'HighErrorRate', expr, ... }");
        ok = false;
      }
      const expr = (rule as { expr?: unknown }).expr;
      if (!isText(expr)) {
        report(
          ruleAt,
          expr === undefined ? 'the rule has no expr' : `expr is ${kindOf(expr)}, not a PromQL expression`,
          "give it the PromQL it evaluates: expr: 'sum(rate(http_requests_total[5m])) > 0'",
        );
        ok = false;
      }
      for (const field of ['labels', 'annotations'] as const)
        ok = stringMap((rule as Record<string, unknown>)[field], ruleAt, field, report) && ok;
      for (const field of ['for', 'keep_firing_for'] as const) {
        const v = (rule as Record<string, unknown>)[field];
        if (v !== undefined && typeof v !== 'string') {
          report(ruleAt, `${field} is ${kindOf(v)}, not a duration`, `write ${field}: '5m'`);
          ok = false;
        }
      }
    });
  });
  return ok ? (value as RuleGroup[]) : undefined;
}

/** The promtool cases from a rule module's `tests()`. */
export function testCasesFrom(value: unknown, report: Report): PromtoolTestCase[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report(
      [],
      `tests() returned ${kindOf(value)}, not a list of promtool test cases`,
      'return [{ interval, input_series, alert_rule_test }]',
    );
    return undefined;
  }
  let ok = true;
  value.forEach((c: unknown, i) => {
    if (typeof c !== 'object' || c === null || !Array.isArray((c as { input_series?: unknown }).input_series)) {
      report(
        [`test #${i + 1}`],
        'the test case has no input_series list',
        "write { interval: '1m', input_series: [...], alert_rule_test: [...] }",
      );
      ok = false;
    }
  });
  return ok ? (value as PromtoolTestCase[]) : undefined;
}

/** A reporter that files findings under one module and object path. */
export function reporter(problems: Diagnostic[], file: string, base: string[]): Report {
  return (path, message, hint) =>
    problems.push({ severity: 'error', check: 'build/returned', where: { file, path: [...base, ...path] }, message, hint });
}
