/**
 * Lint of one emitted dashboard: what makes a dashboard trustworthy on a bad night. Every panel
 * queries the selected datasource and the selected job/instance, says what it shows and in which
 * unit, and every query is valid PromQL over metrics the service really exports.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Diagnostic, Severity, Where } from '../core/diagnostic.js';
import { UID_CHARSET, UID_MAX } from '../core/uid.js';
import { lintExpression } from './expr-lint.js';
import { grafanaVariables, type MetricCatalog, parsePromql, walk } from '../promql/index.js';

export const JOB_VARIABLE = 'job';
export const INSTANCE_VARIABLE = 'instance';
const GRID_COLUMNS = 24;

/** Grafana's own variables and macros, always defined. */
const BUILTIN_VARIABLES = new Set([
  '__rate_interval',
  '__rate_interval_ms',
  '__interval',
  '__interval_ms',
  '__range',
  '__range_s',
  '__range_ms',
  '__from',
  '__to',
  '__dashboard',
  '__org',
  '__user',
  '__name',
  '__auto',
  '__timeFilter',
  'timeFilter',
  '__all_variables',
  '__url_time_range',
  '__value',
  '__field',
  '__series',
  '__data',
  '__cell',
  '__timezone',
]);
/** Panels that show no query results, so need no datasource, query, unit. */
const STATIC_PANELS = new Set(['row', 'text', 'news', 'dashlist', 'annolist', 'alertlist']);

export interface DashboardLintInput {
  json: Dashboard;
  /** Definition module, e.g. `dashboards/http-overview.ts`. */
  source: string;
  catalog: MetricCatalog;
  /** Every uid the build emits: links must point at one of them. */
  knownUids: ReadonlySet<string>;
  /** See ExprLintOptions.utf8Names. */
  utf8Names?: boolean;
}

type AnyPanel = Record<string, unknown> & { type?: string; title?: string; id?: number };
type Target = Record<string, unknown> & { refId?: string; expr?: string; datasource?: { type?: string; uid?: string } };

export function lintDashboard({ json, source, catalog, knownUids, utf8Names = false }: DashboardLintInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const uid = json.uid ?? '';
  const base: Where = { file: source, path: [`dashboard ${uid || '(no uid)'}`] };
  const report = (severity: Severity, check: string, path: string[], message: string, hint?: string, column?: number) =>
    out.push({
      severity,
      check,
      where: { ...base, path: [...base.path, ...path], ...(column !== undefined ? { column } : {}) },
      message,
      ...(hint ? { hint } : {}),
    });

  if (uid.length > UID_MAX || !UID_CHARSET.test(uid)) {
    report(
      'error',
      'dashboard/uid',
      [],
      `uid "${uid}" must be 1 to ${UID_MAX} characters of letters, digits, "-" and "_"`,
      'shorten the service name or the dashboard id',
    );
  }
  if (!json.title?.trim()) report('error', 'dashboard/title', [], 'dashboard has no title');

  // Variables: a datasource variable, and job/instance variables the queries filter on.
  const variables = json.templating?.list ?? [];
  const defined = new Set(variables.map((v) => v.name));
  const dsVar = variables.find((v) => v.type === 'datasource' && (v.query === 'prometheus' || v.query === undefined));
  if (!dsVar) {
    report(
      'error',
      'dashboard/datasource-variable',
      [],
      'no datasource variable: the dashboard is tied to one Prometheus',
      'add a variable of type "datasource" with query "prometheus" and use it in every panel',
    );
  }
  const hasJob = defined.has(JOB_VARIABLE);
  const hasInstance = defined.has(INSTANCE_VARIABLE);
  for (const [name, present] of [
    [JOB_VARIABLE, hasJob],
    // A dashboard of recorded series only (SLOs) has no instance to pick: a picker would filter nothing.
    [INSTANCE_VARIABLE, hasInstance || !readsInstances(json, catalog)],
  ] as const) {
    if (!present)
      report(
        'error',
        'dashboard/selector-variable',
        [],
        `no "${name}" variable: viewers cannot choose which ${name} they look at`,
        `add a query variable "${name}" (label_values(up, ${name}))`,
      );
  }

  const usesDs = (ref: { type?: string; uid?: string } | undefined) =>
    dsVar !== undefined && ref?.uid !== undefined && referencesVariable(ref.uid, dsVar.name);

  const checkQuery = (expr: string, path: string[], lintSelectors: boolean, at = 0, seriesOnly = false) => {
    for (const f of lintExpression(expr, { catalog, origin: 'dashboard', seriesOnly, utf8Names })) {
      report(f.severity, f.check, path, f.message, f.hint, at + f.offset + 1);
    }
    for (const use of grafanaVariables(expr)) {
      // `$1` in a label_replace replacement is a regex group, which Grafana leaves alone.
      if (!defined.has(use.name) && !BUILTIN_VARIABLES.has(use.name) && !/^\d+$/.test(use.name)) {
        report(
          'error',
          'dashboard/undefined-variable',
          path,
          `variable "$${use.name}" is not defined in this dashboard`,
          `define it under templating, or remove it`,
          at + use.from + 1,
        );
      }
    }
    if (lintSelectors) checkSelectorMatchers(expr, path, catalog, { hasJob, hasInstance }, report);
  };

  for (const v of variables) {
    const path = [`variable ${v.name}`];
    if (v.type === 'query') {
      if (dsVar && !usesDs(v.datasource)) {
        report(
          'error',
          'dashboard/panel-datasource',
          path,
          `variable "${v.name}" does not query the datasource variable $${dsVar.name}`,
          `set its datasource to { type: "prometheus", uid: "\${${dsVar.name}}" }`,
        );
      }
      for (const q of variableQueryExpressions(v.query)) checkQuery(q.expr, path, false, q.offset, q.seriesOnly);
    }
  }

  for (const a of json.annotations?.list ?? []) {
    if (a.builtIn || !a.expr) continue;
    checkQuery(a.expr, [`annotation "${a.name}"`], true);
  }

  // Panels, rows' nested panels included.
  const panels: AnyPanel[] = [];
  for (const p of (json.panels ?? []) as AnyPanel[]) {
    panels.push(p);
    if (p.type === 'row' && Array.isArray(p.panels)) panels.push(...(p.panels as AnyPanel[]));
  }
  const titles = new Map<string, number>();
  for (const p of panels) {
    const title = typeof p.title === 'string' ? p.title : '';
    const path = [title ? `panel "${title}"` : `panel #${p.id ?? '?'}`];
    if (p.type === 'row') continue;
    if (!title.trim()) report('error', 'dashboard/panel-title', path, 'panel has no title', 'say what the panel shows');
    else if (titles.has(title))
      report(
        'error',
        'dashboard/duplicate-title',
        path,
        `another panel of this dashboard is also titled "${title}"`,
        'give each panel a distinct title: they name the panel in links and alerts',
      );
    titles.set(title, (titles.get(title) ?? 0) + 1);
    if (STATIC_PANELS.has(p.type ?? '')) continue;
    if (typeof p.description !== 'string' || !p.description.trim()) {
      report(
        'error',
        'dashboard/panel-description',
        path,
        'panel has no description',
        'explain what the panel shows and how to read it; Grafana shows it on hover',
      );
    }
    if (!hasUnit(p))
      report(
        'error',
        'dashboard/panel-unit',
        path,
        'panel has no unit',
        'set fieldConfig.defaults.unit (e.g. "reqps", "s", "percentunit", "short")',
      );
    const targets = (Array.isArray(p.targets) ? p.targets : []) as Target[];
    const queries = targets.filter((t) => typeof t.expr === 'string' && t.expr.trim() !== '');
    if (queries.length === 0) report('error', 'dashboard/panel-query', path, 'panel has no query', 'add at least one Prometheus query');
    const bypassesDs = (what: 'panel' | 'query', where: string[]) =>
      report(
        'error',
        'dashboard/panel-datasource',
        where,
        `${what} does not use the datasource variable $${dsVar!.name}`,
        `set its datasource to { type: "prometheus", uid: "\${${dsVar!.name}}" }`,
      );
    if (dsVar && !usesDs(p.datasource as Target['datasource'])) bypassesDs('panel', path);
    for (const t of targets) {
      const tPath = [...path, `query ${t.refId ?? '?'}`];
      if (dsVar && t.datasource && !usesDs(t.datasource)) {
        bypassesDs('query', tPath);
      }
      if (typeof t.expr === 'string' && t.expr.trim() !== '') checkQuery(t.expr, tPath, true);
    }
    for (const url of panelLinkUrls(p)) checkLink(url, path, knownUids, report);
  }
  for (const link of json.links ?? [])
    if (link.type === 'link' && link.url) checkLink(link.url, [`link "${link.title}"`], knownUids, report);

  checkGrid((json.panels ?? []) as AnyPanel[], report);
  for (const row of (json.panels ?? []) as AnyPanel[]) {
    if (row.type === 'row' && Array.isArray(row.panels) && row.panels.length > 0) checkGrid(row.panels as AnyPanel[], report);
  }
  return out;
}

function referencesVariable(text: string, name: string): boolean {
  return grafanaVariables(text).some((u) => u.name === name);
}

function hasUnit(p: AnyPanel): boolean {
  const fc = p.fieldConfig as
    { defaults?: { unit?: string }; overrides?: { properties?: { id?: string; value?: unknown }[] }[] } | undefined;
  if (typeof fc?.defaults?.unit === 'string' && fc.defaults.unit.trim() !== '') return true;
  // A table's columns may each carry their own unit.
  return (fc?.overrides ?? []).some((o) =>
    (o.properties ?? []).some((prop) => prop.id === 'unit' && typeof prop.value === 'string' && prop.value !== ''),
  );
}

type Report = (severity: Severity, check: string, path: string[], message: string, hint?: string, column?: number) => void;

/** Whether any query reads series that carry an instance label (anything but recording rules and ALERTS). */
function readsInstances(json: Dashboard, catalog: MetricCatalog): boolean {
  const panels = ((json.panels ?? []) as AnyPanel[]).flatMap((p) => [p, ...((Array.isArray(p.panels) ? p.panels : []) as AnyPanel[])]);
  return panels.some((p) =>
    ((Array.isArray(p.targets) ? p.targets : []) as Target[]).some((t) => {
      const { ast } = typeof t.expr === 'string' ? parsePromql(t.expr) : { ast: undefined };
      let found = false;
      if (ast)
        walk(ast, (n) => {
          if (
            n.kind === 'selector' &&
            n.metric !== 'ALERTS' &&
            n.metric !== 'ALERTS_FOR_STATE' &&
            catalog.kind(n.metric ?? '') !== 'recording'
          )
            found = true;
        });
      return found;
    }),
  );
}

/** Every selector filters on the chosen job and instance, so the dashboard shows what the viewer picked. */
function checkSelectorMatchers(
  expr: string,
  path: string[],
  catalog: MetricCatalog,
  vars: { hasJob: boolean; hasInstance: boolean },
  report: Report,
): void {
  const { ast } = parsePromql(expr);
  if (!ast) return;
  walk(ast, (n) => {
    if (n.kind !== 'selector' || n.metric === 'ALERTS' || n.metric === 'ALERTS_FOR_STATE') return;
    const kind = n.metric ? catalog.kind(n.metric) : undefined;
    const required: string[] = [];
    if (vars.hasJob) required.push(JOB_VARIABLE);
    // Recording rules aggregate instances away: they carry job, not instance.
    if (vars.hasInstance && kind !== 'recording') required.push(INSTANCE_VARIABLE);
    for (const label of required) {
      const ok = n.matchers.some((m) => m.label === label && (m.op === '=' || m.op === '=~') && referencesVariable(m.value, label));
      if (!ok) {
        report(
          'error',
          'dashboard/selector-matcher',
          path,
          `selector ${n.metric ?? '{…}'} does not filter on ${label}=~"$${label}": it mixes every ${label} regardless of the variable`,
          `add ${label}=~"$${label}" to the selector`,
          n.from + 1,
        );
      }
    }
  });
}

/** PromQL inside a Prometheus variable query: `label_values(<selector>, label)` or `query_result(<expr>)`. */
export function variableQueryExpressions(query: unknown): { expr: string; offset: number; seriesOnly: boolean }[] {
  const text =
    typeof query === 'string'
      ? query
      : typeof query === 'object' && query && typeof (query as { query?: unknown }).query === 'string'
        ? (query as { query: string }).query
        : '';
  const m = /^\s*(label_values|query_result|label_names)\s*\(([\s\S]*)\)\s*$/.exec(text);
  if (!m) return [];
  const inner = m[2]!;
  const innerOffset = text.indexOf(inner, m[1]!.length);
  if (m[1] === 'query_result') return inner.trim() ? [{ expr: inner, offset: innerOffset, seriesOnly: false }] : [];
  // label_values(selector, label) / label_names(selector): the selector only finds series, it is not evaluated.
  const comma = inner.lastIndexOf(',');
  const selector = m[1] === 'label_names' ? inner : comma < 0 ? '' : inner.slice(0, comma);
  return selector.trim() ? [{ expr: selector, offset: innerOffset, seriesOnly: true }] : [];
}

function panelLinkUrls(p: AnyPanel): string[] {
  const urls: string[] = [];
  const collect = (links: unknown) => {
    if (!Array.isArray(links)) return;
    for (const l of links) if (l && typeof (l as { url?: unknown }).url === 'string') urls.push((l as { url: string }).url);
  };
  collect(p.links);
  const fc = p.fieldConfig as
    { defaults?: { links?: unknown }; overrides?: { properties?: { id?: string; value?: unknown }[] }[] } | undefined;
  collect(fc?.defaults?.links);
  for (const o of fc?.overrides ?? []) for (const prop of o.properties ?? []) if (prop.id === 'links') collect(prop.value);
  return urls;
}

function checkLink(url: string, path: string[], knownUids: ReadonlySet<string>, report: Report): void {
  const m = /\/d\/([A-Za-z0-9_-]+)/.exec(url);
  if (!m) return;
  const target = m[1]!;
  if (!knownUids.has(target)) {
    report(
      'error',
      'dashboard/link',
      path,
      `link to dashboard uid "${target}", which this build does not emit`,
      `link to one of: ${[...knownUids].sort().join(', ')}`,
    );
  }
}

function checkGrid(panels: AnyPanel[], report: Report): void {
  const boxes = panels
    .map((p) => ({ p, g: p.gridPos as { x: number; y: number; w: number; h: number } | undefined }))
    .filter((b): b is { p: AnyPanel; g: { x: number; y: number; w: number; h: number } } => b.g !== undefined);
  const name = (p: AnyPanel) => (p.title ? `panel "${p.title}"` : `panel #${p.id ?? '?'}`);
  for (const { p, g } of boxes) {
    if (g.x + g.w > GRID_COLUMNS)
      report(
        'error',
        'dashboard/grid',
        [name(p)],
        `panel spans columns ${g.x} to ${g.x + g.w}, past the grid's ${GRID_COLUMNS} columns`,
        'reduce its width or x',
      );
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!.g;
      const b = boxes[j]!.g;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        report(
          'error',
          'dashboard/grid',
          [name(boxes[j]!.p)],
          `panel overlaps ${name(boxes[i]!.p)} on the grid`,
          'let the layout place panels, or move one of them',
        );
      }
    }
  }
}
