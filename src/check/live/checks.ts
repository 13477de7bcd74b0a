/**
 * The build model against the live service: every dashboard query (variables and annotations
 * included), every rule expression, every latency SLO threshold and every declared histogram,
 * judged on what the service really exposes. Findings are located like the offline checks'.
 */
import { histogramType, latencySloHistogram } from '../../config/histograms.js';
import type { Service } from '../../config/types.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { ruleFileDocument } from '../../emit/rule-files.js';
import { yamlText } from '../../emit/serialize.js';
import type { BuildModel, BuiltDashboard, BuiltRuleFile } from '../../model/types.js';
import { isRecording } from '../../rules/model.js';
import { variableQueryExpressions } from '../dashboard-lint.js';
import { safeRegex, vectorSelectors } from '../../promql/index.js';
import { ruleLabel } from '../rule-lint.js';
import { ruleFileLines, type RuleLines } from '../yaml-lines.js';
import { declaredHistograms } from './declared.js';
import { liveExprFindings, nearestBoundaries, type LiveExprContext } from './expr.js';
import { formatBuckets, type LiveInventory } from './inventory.js';

export interface LiveCheckResult {
  diagnostics: Diagnostic[];
  /** What was judged, for the summary line. */
  checked: { queries: number; rules: number; slos: number; histograms: number };
}

type AnyPanel = Record<string, unknown> & { type?: string; title?: string; id?: number; panels?: unknown };
type Target = { refId?: string; expr?: unknown };

/** Checks every service that has an inventory; the others are left out (not read live). */
export function checkLive(model: BuildModel, inventories: ReadonlyMap<string, LiveInventory>): LiveCheckResult {
  const recordings = recordedSeries(model);
  const checked = { queries: 0, rules: 0, slos: 0, histograms: 0 };
  const contextFor = (service: Service | undefined): LiveExprContext | undefined => {
    // A rule file of an imported SLO spec names no service: judge it when only one is read live.
    const inventory = service ? inventories.get(service.name) : inventories.size === 1 ? [...inventories.values()][0] : undefined;
    if (!inventory) return undefined;
    return { inventory, recordings, declared: service?.metrics ?? {} };
  };
  const diagnostics = checkExpressions(model, contextFor, checked);

  for (const service of model.services) {
    const inventory = inventories.get(service.name);
    if (!inventory) continue;
    diagnostics.push(...checkSlos(model, service, inventory, checked));
    diagnostics.push(...checkDeclaredBuckets(service.configFile ?? model.configFile, service, inventory, checked));
  }
  return { diagnostics, checked };
}

/** Series the build's own recording rules write: no service exports them. */
export function recordedSeries(model: BuildModel): Set<string> {
  const recordings = new Set<string>();
  for (const f of model.ruleFiles) for (const g of f.groups) for (const r of g.rules) if (isRecording(r)) recordings.add(r.record);
  return recordings;
}

/**
 * Every dashboard query (variables and annotations included) and every rule expression judged
 * against the inventory `contextFor` gives its service; skipped where it gives none. Located as
 * dashboard › panel › query with the column, or rule file:line › group › rule.
 */
export function checkExpressions(
  model: BuildModel,
  contextFor: (service: Service | undefined) => LiveExprContext | undefined,
  checked: Pick<LiveCheckResult['checked'], 'queries' | 'rules'> = { queries: 0, rules: 0 },
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const d of model.dashboards) {
    const ctx = contextFor(d.service);
    if (!ctx) continue;
    for (const q of dashboardQueries(d)) {
      checked.queries++;
      for (const f of liveExprFindings(q.expr, ctx)) {
        diagnostics.push({
          severity: f.severity,
          check: f.check,
          where: { file: d.source, path: [`dashboard ${d.json.uid ?? ''}`, ...q.path], column: q.offset + f.offset + 1 },
          message: f.message,
          hint: f.hint,
        });
      }
    }
  }

  for (const f of model.ruleFiles) {
    const ctx = contextFor(f.service);
    if (!ctx) continue;
    diagnostics.push(...checkRuleFile(f, ctx, checked));
  }
  return diagnostics;
}

interface Query {
  expr: string;
  path: string[];
  /** Offset of `expr` in the text the user wrote (a variable's `label_values(...)`). */
  offset: number;
}

function dashboardQueries(d: BuiltDashboard): Query[] {
  const out: Query[] = [];
  for (const v of d.json.templating?.list ?? []) {
    if (v.type !== 'query') continue;
    for (const q of variableQueryExpressions(v.query)) out.push({ expr: q.expr, path: [`variable ${v.name}`], offset: q.offset });
  }
  for (const a of d.json.annotations?.list ?? []) {
    if (!a.builtIn && a.expr) out.push({ expr: a.expr, path: [`annotation "${a.name}"`], offset: 0 });
  }
  const panels: AnyPanel[] = [];
  for (const p of (d.json.panels ?? []) as AnyPanel[]) {
    panels.push(p);
    if (p.type === 'row' && Array.isArray(p.panels)) panels.push(...(p.panels as AnyPanel[]));
  }
  for (const p of panels) {
    const title = typeof p.title === 'string' && p.title ? `panel "${p.title}"` : `panel #${p.id ?? '?'}`;
    for (const t of (Array.isArray(p.targets) ? p.targets : []) as Target[]) {
      if (typeof t.expr === 'string' && t.expr.trim() !== '')
        out.push({ expr: t.expr, path: [title, `query ${t.refId ?? '?'}`], offset: 0 });
    }
  }
  return out;
}

function checkRuleFile(f: BuiltRuleFile, ctx: LiveExprContext, checked: Pick<LiveCheckResult['checked'], 'rules'>): Diagnostic[] {
  const file = `out/${f.outPath}`;
  const out: Diagnostic[] = [];
  let lines: RuleLines | undefined | null = null;
  // Numbering lines means serialising the file: only for a file with findings.
  const linesOf = (): RuleLines | undefined => {
    if (lines === null) {
      try {
        lines = ruleFileLines(yamlText(ruleFileDocument(f), f.source));
      } catch {
        lines = undefined;
      }
    }
    return lines;
  };
  f.groups.forEach((g, gi) =>
    g.rules.forEach((rule, ri) => {
      checked.rules++;
      for (const finding of liveExprFindings(rule.expr, ctx)) {
        const line = linesOf()?.rules[gi]?.[ri]?.fields['expr'] ?? linesOf()?.rules[gi]?.[ri]?.line;
        out.push({
          severity: finding.severity,
          check: finding.check,
          where: {
            file,
            ...(line === undefined ? {} : { line }),
            path: [`group ${g.name}`, ruleLabel(rule), 'expr'],
            column: finding.offset + 1,
          },
          message: finding.message,
          hint: finding.hint,
        });
      }
    }),
  );
  return out;
}

/**
 * The `_bucket` series a latency SLO's threshold is read from: those the emitted rules select it
 * on, or, when no rule does, every duration histogram the build could have chosen.
 */
function sloHistograms(model: BuildModel, service: Service, threshold: number): { names: string[]; fromRules: boolean } {
  const names = new Set<string>();
  for (const f of model.ruleFiles) {
    if (f.service?.name !== service.name) continue;
    for (const g of f.groups)
      for (const r of g.rules)
        for (const s of vectorSelectors(r.expr)) {
          if (!s.metric?.endsWith('_bucket')) continue;
          const le = s.matchers.find((m) => m.label === 'le');
          const re = le?.op === '=~' ? safeRegex(le.value) : undefined;
          if ((le?.op === '=' && Number(le.value) === threshold) || re?.test(String(threshold))) names.add(s.metric);
        }
  }
  if (names.size > 0) return { names: [...names].sort(), fromRules: true };
  const http = service.profile.http;
  const candidates = [http.durationHighResolution, http.duration].filter((h): h is string => h !== undefined);
  return { names: [...new Set(candidates)].map((h) => `${h}_bucket`), fromRules: false };
}

function checkSlos(model: BuildModel, service: Service, inventory: LiveInventory, checked: LiveCheckResult['checked']): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const slo of service.slos) {
    if (slo.kind !== 'latency' || slo.thresholdSeconds === undefined) continue;
    checked.slos++;
    const threshold = slo.thresholdSeconds;
    // A native histogram measures any threshold: the live buckets are the classic ones beside it, if any.
    if (histogramType(service, latencySloHistogram(service, threshold) ?? service.profile.http.duration) === 'native') continue;
    const { names, fromRules } = sloHistograms(model, service, threshold);
    // An absent histogram is the unknown-metric finding of the SLO's rules.
    const live = names.flatMap((name) => {
      const buckets = inventory.series.get(name)?.buckets;
      return buckets ? [{ name, buckets }] : [];
    });
    const missing = live.filter((h) => !h.buckets.includes(threshold));
    // Without rules to say which histogram, one that has the boundary is enough.
    if (missing.length === 0 || (!fromRules && missing.length < live.length)) continue;
    for (const { name, buckets } of fromRules ? missing : missing.slice(0, 1)) {
      const near = nearestBoundaries(threshold, buckets);
      out.push({
        severity: 'error',
        check: 'live/slo-threshold',
        where: { file: service.configFile ?? model.configFile, path: [`service ${service.name}`, `slo ${slo.name}`, 'thresholdSeconds'] },
        message: `thresholdSeconds ${threshold} is not a bucket boundary of ${name.replace(/_bucket$/, '')} on ${inventory.source} (${formatBuckets(buckets)}): no request can be counted as faster than it, so the SLO cannot be measured`,
        hint: `set thresholdSeconds to a live boundary${near ? ` (${near})` : ''}, or add ${threshold} to the histogram's buckets in the service`,
      });
    }
  }
  return out;
}

function checkDeclaredBuckets(
  configFile: string,
  service: Service,
  inventory: LiveInventory,
  checked: LiveCheckResult['checked'],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [histogram, { buckets: declared, field }] of declaredHistograms(service)) {
    const live = inventory.series.get(`${histogram}_bucket`)?.buckets;
    if (!live) continue;
    checked.histograms++;
    const same = live.length === declared.length && live.every((b, i) => b === declared[i]);
    if (same) continue;
    const missing = declared.filter((b) => !live.includes(b));
    const extra = live.filter((b) => !declared.includes(b));
    out.push({
      severity: 'error',
      check: 'live/buckets',
      where: { file: configFile, path: [`service ${service.name}`, field] },
      message: `the config declares buckets ${formatBuckets(declared)} for ${histogram}, but ${inventory.source} exposes ${formatBuckets(live)}${missing.length > 0 ? `; not exposed: ${formatBuckets(missing)}` : ''}${extra.length > 0 ? `; not declared: ${formatBuckets(extra)}` : ''}`,
      hint: `the rules and their tests are built on the declared buckets: write ${field === 'database.buckets' ? 'database.buckets' : `histograms: { ${histogram}: […] }`} = [${live.join(', ')}] for this service, or change its instrumentation to the declared ones`,
    });
  }
  return out;
}
