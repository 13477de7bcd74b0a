/**
 * Lint of Prometheus rule files, offline: the checks a reviewer (or pint) would make before a rule
 * pages someone. Alerts carry a known severity and say what is wrong; templates parse and read only
 * labels the expression keeps; recording rules follow `level:metric:operations`; no rule is
 * defined twice.
 */
import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { lintExpression } from './expr-lint.js';
import { parseTemplate } from './go-template.js';
import { mayCarry, type MetricCatalog, outputLabels } from '../promql/index.js';
import type { RuleLines } from './yaml-lines.js';
import { isAlert, SEVERITIES, type Rule, type RuleGroup } from '../rules/model.js';

export interface RuleFileLintInput {
  /** Emitted path, e.g. `out/rules/items-api-alerts.yml`. */
  file: string;
  groups: RuleGroup[];
  catalog: MetricCatalog;
  /** Lines of each rule in the emitted text, when known. */
  lines?: RuleLines;
  /** Metrics are not checked against the catalog (see ExprLintOptions.anyMetric). */
  anyMetric?: boolean;
  /** See ExprLintOptions.utf8Names. */
  utf8Names?: boolean;
}

/**
 * Alerts of imported Sloth specs keep the severity their authors route on and carry the tier in
 * `sloth_severity`, which the generated Alertmanager config routes them by.
 */
const SLOTH_TIERS = ['page', 'ticket'];
const REQUIRED_ANNOTATIONS = ['summary', 'description'] as const;
const RECORD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;

export function ruleLabel(rule: Rule): string {
  return isAlert(rule) ? `alert ${rule.alert}` : `record ${rule.record}`;
}

export function lintRuleFile({ file, groups, catalog, lines, anyMetric = false, utf8Names = false }: RuleFileLintInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groupNames = new Set<string>();
  groups.forEach((group, gi) => {
    if (groupNames.has(group.name)) {
      out.push({
        severity: 'error',
        check: 'rule/group-name',
        where: { file, ...lineOf(lines?.groups[gi]), path: [`group ${group.name}`] },
        message: `group name "${group.name}" is used twice in this file; Prometheus refuses to load it`,
        hint: 'give each group its own name',
      });
    }
    groupNames.add(group.name);
    group.rules.forEach((rule, ri) => {
      const ruleLines = lines?.rules[gi]?.[ri];
      const report = (severity: Severity, check: string, field: string | undefined, message: string, hint?: string, column?: number) =>
        out.push({
          severity,
          check,
          where: {
            file,
            ...lineOf((field && ruleLines?.fields[field]) || ruleLines?.line),
            path: field ? [ruleLabel(rule), field] : [ruleLabel(rule)],
            ...(column !== undefined ? { column } : {}),
          },
          message,
          ...(hint ? { hint } : {}),
        });
      lintRule(rule, catalog, report, anyMetric, utf8Names);
    });
  });
  return out;
}

function lineOf(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

type Report = (severity: Severity, check: string, field: string | undefined, message: string, hint?: string, column?: number) => void;

function lintRule(rule: Rule, catalog: MetricCatalog, report: Report, anyMetric: boolean, utf8Names: boolean): void {
  for (const f of lintExpression(rule.expr, { catalog, origin: 'rule', anyMetric, utf8Names }))
    report(f.severity, f.check, 'expr', f.message, f.hint, f.offset + 1);

  if (!isAlert(rule)) {
    if (!RECORD_NAME.test(rule.record)) {
      report(
        'warning',
        'rule/record-name',
        undefined,
        `recording rule "${rule.record}" does not follow level:metric:operations`,
        'name it like job:http_requests:rate5m (aggregation level, metric, operations)',
      );
    }
    for (const [name, value] of Object.entries(rule.labels ?? {})) {
      if (value.includes('{{'))
        report(
          'error',
          'rule/template',
          `label ${name}`,
          'recording rule labels are not templated: the braces are kept literally',
          'use a fixed value',
        );
    }
    return;
  }

  const severity = rule.labels?.severity;
  if (severity === undefined) {
    report('error', 'rule/severity', undefined, 'alert has no severity label', `add labels.severity: one of ${SEVERITIES.join(', ')}`);
  } else if (!(SEVERITIES as readonly string[]).includes(severity) && !SLOTH_TIERS.includes(rule.labels?.sloth_severity ?? '')) {
    report(
      'error',
      'rule/severity',
      'label severity',
      `severity "${severity}" is not one of ${SEVERITIES.join(', ')}`,
      'Alertmanager routes on severity: an unknown one reaches nobody',
    );
  }
  for (const key of REQUIRED_ANNOTATIONS) {
    const value = rule.annotations?.[key];
    if (value === undefined || value.trim() === '') {
      report(
        'error',
        'rule/annotations',
        undefined,
        `alert has no ${key} annotation`,
        key === 'summary'
          ? 'add a one-line summary naming the service and symptom'
          : 'add a description: what is wrong, the current value, where to look',
      );
    }
  }

  const result = outputLabels(rule.expr);
  const staticLabels = new Set(Object.keys(rule.labels ?? {}));
  const templates: [string, string, 'label' | 'annotation'][] = [
    ...Object.entries(rule.labels ?? {}).map(([k, v]) => [`label ${k}`, v, 'label'] as [string, string, 'label']),
    ...Object.entries(rule.annotations ?? {}).map(([k, v]) => [`annotation ${k}`, v, 'annotation'] as [string, string, 'annotation']),
  ];
  for (const [field, text, kind] of templates) {
    if (!text.includes('{{')) continue;
    const parsed = parseTemplate(text);
    for (const e of parsed.errors)
      report('error', 'rule/template', field, `template does not parse: ${e.message}`, undefined, e.offset + 1);
    if (kind === 'label' && parsed.usesValue) {
      report(
        'error',
        'rule/value-in-label',
        field,
        'label uses $value: every new value makes a new alert, which resolves and fires again on each evaluation',
        'move the value into an annotation',
      );
    }
    for (const ref of parsed.labels) {
      if (staticLabels.has(ref.name) || mayCarry(result, ref.name)) continue;
      report(
        'error',
        'rule/template-label',
        field,
        `template reads $labels.${ref.name}, but the expression's result has no "${ref.name}" label (it is aggregated away)`,
        `keep it in the aggregation (by (..., ${ref.name})) or stop reading it`,
        ref.offset + 1,
      );
    }
  }
}

export interface RuleOccurrence {
  file: string;
  /** The rule's line in the emitted file; computed only when a finding needs it. */
  line: () => number | undefined;
  rule: Rule;
}

/** The same rule (name, expression, labels) in two places evaluates twice and fires twice. */
export function duplicateRules(occurrences: readonly RuleOccurrence[]): Diagnostic[] {
  const seen = new Map<string, RuleOccurrence>();
  const out: Diagnostic[] = [];
  for (const occ of occurrences) {
    const r = occ.rule;
    const labels = Object.entries(r.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify([ruleLabel(r), r.expr.replace(/\s+/g, ' ').trim(), labels]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, occ);
      continue;
    }
    out.push({
      severity: 'error',
      check: 'rule/duplicate',
      where: { file: occ.file, ...lineOf(occ.line()), path: [ruleLabel(r)] },
      message: `${ruleLabel(r)} duplicates the same rule in ${first.file}${first.line() ? `:${first.line()}` : ''} (same name, expression and labels)`,
      hint: 'keep one of them',
    });
  }
  return out;
}
