/**
 * An SLO as Prometheus rules, in three steps over the model:
 *   1. SLI: error and total rates per window. Windows up to an hour read the raw counters, so a
 *      total outage pages within a minute or two; longer windows and the period average the
 *      recorded 5m rates (avg_over_time of a rate, then a ratio of the averages: weighted by
 *      traffic, and cheap because it reads one recorded series instead of every raw one).
 *   2. Ratios, burn rates, budget and metadata, guarded so zero traffic reads as no errors.
 *   3. One page and one ticket alert, each a rule per tier requiring the long AND short window.
 * A grouped SLI (`sum by (handler)`) keeps its groups through every step. An SLO that counts
 * downtime adds, before step 1, the traffic nobody answers while every target is down or gone.
 */
import { DacError } from '../core/diagnostic.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { parseDuration } from '../core/duration.js';
import { humanizePercentage } from '../rules/humanize.js';
import type { AlertingRule, RecordingRule, RuleGroup } from '../rules/model.js';
import { num, quote } from '../rules/promql.js';
import type { Slo } from './model.js';
import { sloSeries } from './names.js';
import type { DerivedTier } from './windows.js';
import { burnTiers, tierWindows } from './windows.js';

/** Windows up to this length are computed from raw counters; longer ones from the shortest window. */
export const RAW_WINDOW_MAX_SECONDS = 3600;

/**
 * The least traffic a dead service is taken to lose, in requests a second (one a minute): a
 * service that was idle before it died still fails its SLO while it cannot answer.
 */
export const DOWNTIME_FLOOR_RPS = 1 / 60;
/**
 * Every target must have been down this long before it counts: one failed scrape is no outage.
 * One second over 2m so that the scrape exactly 2m old is inside the range on Prometheus 3 too,
 * whose ranges leave out their left end where 2.x kept it: with 1m scrapes both then need the
 * same three failed scrapes (a plain [2m] pages a minute earlier on 3.x than on 2.x).
 */
export const DOWNTIME_GRACE = '2m1s';
/** How long the baseline survives without being re-recorded, e.g. while Prometheus restarts. */
export const BASELINE_MEMORY = '1d';

export function errorBudget(slo: Pick<Slo, 'objective'>): number {
  return Number((1 - slo.objective / 100).toPrecision(12));
}

/** Build errors that make an SLO meaningless, each naming the SLO and explaining itself. */
export function validateSlo(slo: Slo): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (message: string, hint: string) =>
    out.push({ severity: 'error', check: 'slo/objective', where: { file: slo.source, path: slo.path }, message, hint });
  if (!(typeof slo.objective === 'number' && slo.objective > 0 && slo.objective < 100)) {
    at(
      `objective ${String(slo.objective)} is not a percentage strictly between 0 and 100`,
      'write 99.9 for "three nines"; 100 leaves no error budget, so no burn rate exists',
    );
    return out;
  }
  let period: number;
  try {
    period = parseDuration(slo.period);
  } catch (e) {
    at((e as Error).message, 'use a period such as 30d, 28d or 7d');
    return out;
  }
  for (const label of slo.groupBy ?? [])
    if (slo.labels && label in slo.labels)
      at(
        `label "${label}" is both a label of the SLO and one the SLI is grouped by`,
        `the SLI's "${label}" would be overwritten on every series; rename the SLO label or drop it`,
      );
  const budget = errorBudget(slo);
  for (const tier of burnTiers(slo.period, slo.tiers)) {
    if ((tier.severity === 'page' && !slo.alerting.page) || (tier.severity === 'ticket' && !slo.alerting.ticket)) continue;
    if (parseDuration(tier.long) > period)
      at(
        `the ${tier.long} ${tier.severity} window is longer than the ${slo.period} period`,
        `use a period of at least ${tier.long}, or drop that tier`,
      );
    if (parseDuration(tier.short) >= parseDuration(tier.long))
      at(
        `the ${tier.severity} tier's short window ${tier.short} is not shorter than its long window ${tier.long}`,
        'the short window should be about 1/12 of the long one',
      );
    const threshold = tier.factor * budget;
    // Factor ≤ 1: at that pace the budget lasts the whole period, so the service meets its objective.
    if (tier.factor <= 1)
      at(
        `the ${tier.severity} tier over ${tier.long} fires at ${num(tier.factor)}× the sustainable burn rate (${humanizePercentage(tier.budgetFraction)} of the ${slo.period} budget in ${tier.long}): at that pace the budget lasts the whole period, so it would alert on a service that meets its objective`,
        `make the tier's budget fraction larger than ${humanizePercentage(parseDuration(tier.long) / period)} (the ${tier.long} window's share of the ${slo.period} period), or shorten its long window`,
      );
    else if (threshold >= 1)
      at(
        `the ${tier.severity} alert over ${tier.long} could never fire: it needs an error ratio above ${num(tier.factor)} × ${humanizePercentage(budget)} = ${humanizePercentage(threshold)}, and a ratio cannot exceed 100%`,
        `an objective of ${slo.objective}% leaves so much budget that burning ${humanizePercentage(tier.budgetFraction)} of it in ${tier.long} is impossible; raise the objective (above ${num(100 - 100 / tier.factor)}%) or lengthen the long window`,
      );
  }
  return out;
}

function assertValid(slo: Slo): void {
  const problems = validateSlo(slo);
  if (problems.length > 0) throw new DacError(problems);
}

const selectorOf = (slo: Slo) => `{service=${quote(slo.service)},slo=${quote(slo.name)}}`;

function labelsOf(slo: Slo): Record<string, string> {
  return { ...(slo.labels ?? {}), service: slo.service, slo: slo.name, ...(slo.job ? { job: slo.job } : {}) };
}

/**
 * The labels every series of the SLO carries, and so every alert of it before rule labels; a
 * grouped SLI's series carry their group's labels too.
 */
export function sloSeriesLabels(slo: Slo): Record<string, string> {
  return labelsOf(slo);
}

/** The window the baseline follows: the longest one still read from the raw counters. */
function baselineWindow(windows: string[]): string {
  return [...windows].reverse().find((w) => parseDuration(w) <= RAW_WINDOW_MAX_SECONDS) ?? windows[0]!;
}

/**
 * Downtime as unanswered requests. The baseline follows the request rate (which includes earlier
 * unanswered requests, so it survives an outage and the hour after it) while any target is up,
 * and keeps its last value while none is; the unanswered rate is that baseline once no target
 * has been up for DOWNTIME_GRACE, else 0. Both always exist once the service has been seen up,
 * so no ratio built on them can be empty or NaN; before that there is no baseline and nothing counts.
 */
function downtimeRules(slo: Slo, windows: string[], up: string): RecordingRule[] {
  const sel = selectorOf(slo);
  const w = baselineWindow(windows);
  return [
    {
      record: sloSeries.baseline,
      expr:
        `clamp_min(${sloSeries.requests(w)}${sel}, ${num(DOWNTIME_FLOOR_RPS)}) and on() (max(${up}) == 1)` +
        ` or last_over_time(${sloSeries.baseline}${sel}[${BASELINE_MEMORY}])`,
      labels: labelsOf(slo),
    },
    {
      record: sloSeries.unanswered,
      expr: `${sloSeries.baseline}${sel} and on() absent(max_over_time(${up}[${DOWNTIME_GRACE}]) == 1) or on() vector(0)`,
      labels: labelsOf(slo),
    },
  ];
}

function sliRules(slo: Slo, windows: string[]): RecordingRule[] {
  const sel = selectorOf(slo);
  const labels = () => labelsOf(slo);
  const base = windows[0]!;
  const up = slo.groupBy ? undefined : slo.downtime?.up;
  const rules: RecordingRule[] = up ? downtimeRules(slo, windows, up) : [];
  const raw = (w: string): [errors: string, total: string] => {
    const [errors, total] = [slo.sli.errors(w), slo.sli.total(w)];
    // A group with traffic but no errors has no error series: it reads as 0, not as missing.
    if (slo.groupBy) return [`(${errors}) or (${total}) * 0`, total];
    if (!up) return [`(${errors}) or vector(0)`, `(${total}) or vector(0)`];
    const lost = ` + on() avg_over_time(${sloSeries.unanswered}${sel}[${w}])`;
    return [`((${errors}) or vector(0))${lost}`, `((${total}) or vector(0))${lost}`];
  };
  for (const w of windows) {
    if (w === base || parseDuration(w) <= RAW_WINDOW_MAX_SECONDS) {
      const [errors, total] = raw(w);
      rules.push({ record: sloSeries.errors(w), expr: errors, labels: labels() });
      rules.push({ record: sloSeries.requests(w), expr: total, labels: labels() });
    } else {
      rules.push({ record: sloSeries.errors(w), expr: `avg_over_time(${sloSeries.errors(base)}${sel}[${w}])`, labels: labels() });
      rules.push({ record: sloSeries.requests(w), expr: `avg_over_time(${sloSeries.requests(base)}${sel}[${w}])`, labels: labels() });
    }
  }
  return rules;
}

/** errors / requests, where zero requests mean zero errors rather than NaN. */
function ratioExpr(errors: string, requests: string, sel: string): string {
  return `${errors}${sel} / (${requests}${sel} > 0) or ${requests}${sel} * 0`;
}

function ratioRules(slo: Slo, windows: string[]): RecordingRule[] {
  const sel = selectorOf(slo);
  const labels = () => labelsOf(slo);
  const budget = num(errorBudget(slo));
  return windows.flatMap((w) => [
    { record: sloSeries.errorRatio(w), expr: ratioExpr(sloSeries.errors(w), sloSeries.requests(w), sel), labels: labels() },
    { record: sloSeries.burnRate(w), expr: `${sloSeries.errorRatio(w)}${sel} / ${budget}`, labels: labels() },
  ]);
}

function budgetRules(slo: Slo, base: string): RecordingRule[] {
  const sel = selectorOf(slo);
  const labels = () => labelsOf(slo);
  const budget = num(errorBudget(slo));
  const info: Record<string, string> = {
    ...(slo.infoLabels ?? {}),
    ...labels(),
    objective: num(slo.objective),
    period: slo.period,
    sli: slo.kind,
  };
  if (slo.description) info.description = slo.description;
  return [
    { record: sloSeries.periodErrors, expr: `avg_over_time(${sloSeries.errors(base)}${sel}[${slo.period}])`, labels: labels() },
    { record: sloSeries.periodRequests, expr: `avg_over_time(${sloSeries.requests(base)}${sel}[${slo.period}])`, labels: labels() },
    { record: sloSeries.periodErrorRatio, expr: ratioExpr(sloSeries.periodErrors, sloSeries.periodRequests, sel), labels: labels() },
    { record: sloSeries.budgetRemaining, expr: `1 - ${sloSeries.periodErrorRatio}${sel} / ${budget}`, labels: labels() },
    { record: sloSeries.objective, expr: `vector(${num(slo.objective / 100)})`, labels: labels() },
    { record: sloSeries.errorBudget, expr: `vector(${budget})`, labels: labels() },
    { record: sloSeries.info, expr: 'vector(1)', labels: info },
  ];
}

function alertRule(slo: Slo, tier: DerivedTier): AlertingRule {
  const sel = selectorOf(slo);
  const budget = errorBudget(slo);
  const threshold = num(tier.factor * budget);
  const guard = slo.minRequestRate !== undefined ? ` and ${sloSeries.requests(tier.long)}${sel} >= ${num(slo.minRequestRate)}` : '';
  const what = slo.description ? slo.description.replace(/\.$/, '') : `${slo.name} SLI`;
  const group = slo.groupBy ? ` (${slo.groupBy.map((l) => `${l} {{ $labels.${l} }}`).join(', ')})` : '';
  const pace = tier.severity === 'page' ? 'someone should act now' : 'it needs attention within working hours';
  return {
    alert: slo.alerting.name,
    expr: `${sloSeries.errorRatio(tier.long)}${sel} > ${threshold} and ${sloSeries.errorRatio(tier.short)}${sel} > ${threshold}${guard}`,
    labels: {
      ...slo.alerting.labels,
      ...(slo.alerting.bySeverity?.[tier.severity]?.labels ?? {}),
      service: slo.service,
      slo: slo.name,
      severity: slo.alerting.severity?.[tier.severity] ?? tier.severity,
      ...(slo.alerting.tierLabel ? { [slo.alerting.tierLabel]: tier.severity } : {}),
      long_window: tier.long,
      short_window: tier.short,
    },
    annotations: {
      summary: `${slo.serviceTitle} ${slo.name} SLO${group}: error budget burning ${num(tier.factor)}× too fast`,
      description:
        `Over the last ${tier.long}, {{ $value | humanizePercentage }} of ${slo.serviceTitle} events${group} failed the ${slo.name} SLO ("${what}"); ` +
        `the ${num(slo.objective)}% objective allows ${humanizePercentage(budget)}. The last ${tier.short} are as bad, so it is still happening. ` +
        `At this pace ${humanizePercentage(tier.budgetFraction)} of the ${slo.period} error budget is gone within ${tier.long}: ${pace}.`,
      runbook_url: slo.runbookUrl,
      ...(slo.dashboardUrl ? { dashboard_url: slo.dashboardUrl } : {}),
      ...slo.alerting.annotations,
      ...(slo.alerting.bySeverity?.[tier.severity]?.annotations ?? {}),
    },
  };
}

export function sloAlertRules(slo: Slo): AlertingRule[] {
  return burnTiers(slo.period, slo.tiers)
    .filter((t) => (t.severity === 'page' ? slo.alerting.page : slo.alerting.ticket))
    .map((t) => alertRule(slo, t));
}

/**
 * The SLO each first group of sloRuleGroups was made from, so that `dac slo export` can write any
 * SLO a rule module returns as a spec without rule modules having to return anything else.
 */
const sloOfGroups = new WeakMap<RuleGroup, Slo>();

export function sloOfGroup(group: RuleGroup): Slo | undefined {
  return sloOfGroups.get(group);
}

/** The rule groups of one SLO: SLI rates, ratios and alerts in one group (evaluated in order), budget and metadata in another. */
export function sloRuleGroups(slo: Slo): RuleGroup[] {
  assertValid(slo);
  const windows = tierWindows(slo.tiers);
  const groups = [
    { name: `${slo.service}-slo-${slo.name}`, rules: [...sliRules(slo, windows), ...ratioRules(slo, windows), ...sloAlertRules(slo)] },
    { name: `${slo.service}-slo-${slo.name}-budget`, rules: budgetRules(slo, windows[0]!) },
  ];
  sloOfGroups.set(groups[0]!, slo);
  return groups;
}
