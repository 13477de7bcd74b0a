/**
 * The checks, over the build model and the emitted files. Tier 1, in process and fast: schemas,
 * PromQL lint (on src/promql/'s analysis), dashboard and rule lint; the build refuses to write out/
 * when any finding is an error. `dac validate` adds the real tools (promtool.ts, amtool.ts,
 * tools.ts) and, given a metrics page, the live service (live/).
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { parse as parseYaml } from 'yaml';
import type { Service } from '../config/types.js';
import { ruleFileDocument } from '../emit/rule-files.js';
import { yamlText } from '../emit/serialize.js';
import type { BuildModel } from '../model/types.js';
import { isRecording } from '../rules/model.js';
import { checkAlertOwnership } from './alert-ownership.js';
import { lintDashboard } from './dashboard-lint.js';
import { checkGrafanaTypes } from './grafana-types/index.js';
import { checkGrafanaV2Spec } from './grafana-types/v2.js';
import { checkDeclaredLabels } from './labels.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { MetricCatalog } from '../promql/index.js';
import { duplicateRules, lintRuleFile, type RuleOccurrence } from './rule-lint.js';
import { validateDashboardSchema, validateRuleFileSchema } from './schema.js';
import { ruleFileLines, type RuleLines } from './yaml-lines.js';

export type { Diagnostic } from '../core/diagnostic.js';

export function checkModel(model: BuildModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const recordings = new Set<string>();
  for (const f of model.ruleFiles) for (const g of f.groups) for (const r of g.rules) if (isRecording(r)) recordings.add(r.record);
  const catalogs = new Map<string, MetricCatalog>();
  const catalogFor = (service: Service | undefined): MetricCatalog => {
    const key = service?.name ?? '';
    let c = catalogs.get(key);
    if (!c) {
      // A rule file without a service (an imported SLO spec) may use any service's metrics.
      c = new MetricCatalog(service ? [service] : model.services, recordings);
      catalogs.set(key, c);
    }
    return c;
  };

  // Prometheus 3's quoted UTF-8 names are allowed only when the project's floor is 3.
  const utf8Names = model.minPrometheusVersion === 3;
  const knownUids = new Set(model.dashboards.map((d) => d.json.uid).filter((u): u is string => typeof u === 'string'));
  const uidOwners = new Map<string, string>();
  for (const d of model.dashboards) {
    const uid = d.json.uid ?? '';
    const where = { file: d.source, path: [`dashboard ${uid}`] };
    const owner = uidOwners.get(uid);
    if (owner !== undefined) {
      out.push({
        severity: 'error',
        check: 'dashboard/uid',
        where,
        message: `uid "${uid}" is also used by ${owner}`,
        hint: 'each dashboard needs its own uid',
      });
    }
    uidOwners.set(uid, d.source);
    out.push(...validateDashboardSchema(d.json, where));
    out.push(...checkGrafanaTypes(d.json, where));
    out.push(...lintDashboard({ json: d.json, source: d.source, catalog: catalogFor(d.service), knownUids, utf8Names }));
  }

  const occurrences: RuleOccurrence[] = [];
  for (const f of model.ruleFiles) {
    const file = `out/${f.outPath}`;
    const document = ruleFileDocument(f);
    // Serialising a rule file only to number its lines is a third of a clean build's check time:
    // do it only for a file that has findings.
    let cached: RuleLines | undefined | null = null;
    const lines = () => (cached === null ? (cached = linesOf(() => yamlText(document, f.source))) : cached);
    out.push(...validateRuleFileSchema(document, { file, path: [] }));
    const lint = (withLines?: RuleLines) =>
      lintRuleFile({
        file,
        groups: f.groups,
        catalog: catalogFor(f.service),
        // An imported spec of a service dac has no profile for is the user's own PromQL: checked as PromQL only.
        anyMetric: f.service === undefined,
        utf8Names,
        ...(withLines ? { lines: withLines } : {}),
      });
    const findings = lint();
    out.push(...(findings.length > 0 ? lint(lines()) : findings));
    f.groups.forEach((g, gi) =>
      g.rules.forEach((rule, ri) => {
        occurrences.push({ file, rule, line: () => lines()?.rules[gi]?.[ri]?.line });
      }),
    );
  }
  out.push(...duplicateRules(occurrences));
  out.push(...checkDeclaredLabels(model));
  out.push(...checkAlertOwnership(model));
  return sortDiagnostics(out);
}

function linesOf(text: () => string): RuleLines | undefined {
  try {
    return ruleFileLines(text());
  } catch {
    return undefined;
  }
}

/**
 * Checks of the serialized out/ tree (paths relative to out/): every file parses and every
 * dashboard and rule file matches its schema. Catches an emitter bug or a hand-edited output.
 * `known` are the findings of checkModel on the model these files came from: a problem it already
 * reported, at the definition the user edits, is not reported again at the emitted file.
 */
export function checkEmitted(files: ReadonlyMap<string, string>, known: readonly Diagnostic[] = []): Diagnostic[] {
  const told = new Set(known.map(sameProblem));
  return checkFiles(files).filter((d) => !told.has(sameProblem(d)));
}

/**
 * What makes two findings one problem: the check, the place inside the dashboard or rule file, the
 * message. A v2beta1 resource holds a panel's options under vizConfig.spec, the classic model at the panel.
 */
function sameProblem(d: Diagnostic): string {
  return [d.check, ...d.where.path.map((p) => p.replace(/^vizConfig\.spec\./, '')), d.message].join('\u0000');
}

function checkFiles(files: ReadonlyMap<string, string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [path, text] of files) {
    const file = `out/${path}`;
    if (path.startsWith('dashboards/') && path.endsWith('.json')) {
      let json: Dashboard;
      try {
        json = JSON.parse(text) as Dashboard;
      } catch (err) {
        out.push({
          severity: 'error',
          check: 'schema/dashboard',
          where: { file, path: [] },
          message: `not valid JSON: ${(err as Error).message}`,
        });
        continue;
      }
      out.push(...validateDashboardSchema(json, { file, path: [`dashboard ${json.uid ?? ''}`] }));
    } else if (path.startsWith('grafana/') && path.endsWith('.json')) {
      out.push(...checkResourceFile(file, text));
    } else if (path.startsWith('rules/') && /\.ya?ml$/.test(path)) {
      let doc: unknown;
      try {
        doc = parseYaml(text);
      } catch (err) {
        out.push({
          severity: 'error',
          check: 'schema/rule-file',
          where: { file, path: [] },
          message: `not valid YAML: ${(err as Error).message}`,
        });
        continue;
      }
      out.push(...validateRuleFileSchema(doc, { file, path: [] }));
    }
  }
  return sortDiagnostics(out);
}

/**
 * A `dashboard.grafana.app` resource file: the kind and version Grafana's resource API serves, a
 * name that is the dashboard's uid (the API refuses a mismatch), and a spec that matches
 * Grafana's published dashboard types.
 */
function checkResourceFile(file: string, text: string): Diagnostic[] {
  let doc: { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown }; spec?: { uid?: unknown } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (err) {
    return [
      { severity: 'error', check: 'grafana/resource', where: { file, path: [] }, message: `not valid JSON: ${(err as Error).message}` },
    ];
  }
  // A v2beta1 spec has no uid of its own: the resource's name is the dashboard's uid.
  const v2 = doc.apiVersion === 'dashboard.grafana.app/v2beta1';
  const where = { file, path: [`dashboard ${String((v2 ? undefined : doc.spec?.uid) ?? doc.metadata?.name ?? '')}`] };
  const out: Diagnostic[] = [];
  const problem = (message: string, hint: string) => out.push({ severity: 'error', check: 'grafana/resource', where, message, hint });
  if ((doc.apiVersion !== 'dashboard.grafana.app/v1beta1' && !v2) || doc.kind !== 'Dashboard')
    problem(
      `apiVersion ${JSON.stringify(doc.apiVersion)} and kind ${JSON.stringify(doc.kind)} are not a dashboard resource`,
      'rebuild out/ with `dac build`',
    );
  if (v2) {
    if (typeof doc.metadata?.name !== 'string' || doc.metadata.name === '')
      problem('metadata.name is missing: it holds the dashboard uid', 'rebuild out/ with `dac build`');
    out.push(...checkGrafanaV2Spec(doc.spec, where));
    return out;
  }
  if (doc.metadata?.name !== doc.spec?.uid)
    problem(`metadata.name ${JSON.stringify(doc.metadata?.name)} differs from the dashboard uid`, 'rebuild out/ with `dac build`');
  out.push(...checkGrafanaTypes(doc.spec, where));
  return out;
}

/** By file then line; within that, the order the checks found them (reading order). Stable. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    if (a.where.file !== b.where.file) return a.where.file < b.where.file ? -1 : 1;
    return (a.where.line ?? 0) - (b.where.line ?? 0);
  });
}
