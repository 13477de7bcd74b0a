/**
 * Shared by the dashboard specifications: builds the dashboard modules for a config the way the
 * build does (uid `<service>-<id>`, title `<service title> / <title>`, normalised), and reads any
 * dashboard JSON — built here or emitted to out/dashboards/ — into the facts the tests assert on.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import config from '../dac.config.js';
import type { DacConfig, Service, ServiceConfig } from '../src/config/types.js';
import { resolveConfig } from '../src/config/validate.js';
import { normalizeDashboard } from '../src/dashboards/normalize.js';
import type { DashboardDefinition, DashboardRef } from '../src/definitions/define.js';
import { parsePromql, walk, type PromqlNode } from '../src/promql/index.js';
import { importedSlosOf } from '../src/model/imported-slos.js';
import type { BuiltRuleFile } from '../src/model/types.js';
import business from '../dashboards/business.js';
import database from '../dashboards/database.js';
import httpOverview from '../dashboards/http-overview.js';
import red from '../dashboards/red.js';

export const definitions: DashboardDefinition[] = [httpOverview, business, database, red];

/** The repository's config, deep-copied so a scenario can change it. */
export function baseConfig(): DacConfig {
  return structuredClone(config);
}

export function defaultService(cfg: DacConfig): ServiceConfig {
  const s = cfg.services[0];
  if (!s) throw new Error('dac.config.ts has no service');
  return s;
}

export interface Built {
  service: Service;
  ref: DashboardRef;
  json: Dashboard;
}

/**
 * Every applicable dashboard module for every service of `cfg`, as the build assembles them; with
 * `imported`, the rule files of rules/slo/ specs whose SLOs the dashboards see.
 */
export function buildAll(cfg: DacConfig, defs: DashboardDefinition[] = definitions, imported: readonly BuiltRuleFile[] = []): Built[] {
  const out: Built[] = [];
  for (const service of resolveConfig(cfg, 'dac.config.ts')) {
    const mine = defs.filter((d) => d.appliesTo?.(service) ?? true);
    const refs = mine.map((d) => ({ id: d.id, uid: `${service.name}-${d.id}`, title: `${service.title} / ${d.title}` }));
    mine.forEach((def, i) => {
      const ref = refs[i]!;
      const built = def.build({
        service,
        uid: ref.uid,
        title: ref.title,
        dashboards: refs,
        importedSlos: importedSlosOf(service, imported),
      });
      const raw = 'build' in built && typeof built.build === 'function' ? built.build() : (built as Dashboard);
      out.push({ service, ref, json: normalizeDashboard(raw, { uid: ref.uid, title: ref.title }) });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading dashboard JSON. Loose types on purpose: the same readers run on emitted files.

export interface PanelJson {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  repeat?: string;
  collapsed?: boolean;
  gridPos?: { x: number; y: number; w: number; h: number };
  datasource?: { type?: string; uid?: string };
  targets?: TargetJson[];
  panels?: PanelJson[];
  transformations?: { id: string; options: Record<string, unknown> }[];
  fieldConfig?: {
    defaults?: {
      unit?: string;
      thresholds?: { mode?: string; steps: { value: number | null; color: string }[] };
      mappings?: { type: string; options: Record<string, unknown> }[];
    };
    overrides?: { matcher: { id: string; options: string }; properties: { id: string; value: unknown }[] }[];
  };
  options?: Record<string, unknown> & { yAxis?: { unit?: string }; sortBy?: { displayName: string; desc: boolean }[] };
}

export interface TargetJson {
  refId?: string;
  expr?: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  format?: string;
  datasource?: { type?: string; uid?: string };
}

export interface VariableJson {
  type: string;
  name: string;
  query?: unknown;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  refresh?: number;
}

/** Panels in screen order, rows included, with the panels inside collapsed rows after their row. */
export function allPanels(json: Dashboard): PanelJson[] {
  const out: PanelJson[] = [];
  for (const p of (json.panels ?? []) as unknown as PanelJson[]) {
    out.push(p);
    if (p.type === 'row') out.push(...(p.panels ?? []));
  }
  return out;
}

export function contentPanels(json: Dashboard): PanelJson[] {
  return allPanels(json).filter((p) => p.type !== 'row');
}

export function variables(json: Dashboard): VariableJson[] {
  return ((json.templating?.list ?? []) as unknown as VariableJson[]).slice();
}

export function panelByTitle(json: Dashboard, title: string): PanelJson {
  const found = contentPanels(json).filter((p) => p.title === title);
  if (found.length !== 1)
    throw new Error(
      `expected one panel titled "${title}" in ${json.uid}, found ${found.length}: ${contentPanels(json)
        .map((p) => p.title)
        .join(' | ')}`,
    );
  return found[0]!;
}

export function unitOf(p: PanelJson): string | undefined {
  return p.fieldConfig?.defaults?.unit;
}

/**
 * The fixed colour Grafana draws the series displayed as `name` in: the last override whose matcher
 * takes the name (by name, or by a regexp Grafana anchors at both ends) and sets a colour; undefined
 * when the series gets a palette colour.
 */
export function seriesColour(p: PanelJson, name: string): string | undefined {
  let colour: string | undefined;
  for (const o of p.fieldConfig?.overrides ?? []) {
    const takes =
      (o.matcher.id === 'byName' && o.matcher.options === name) ||
      (o.matcher.id === 'byRegexp' && new RegExp(`^${o.matcher.options}$`).test(name));
    const set = o.properties.find((x) => x.id === 'color')?.value as { mode?: string; fixedColor?: string } | undefined;
    if (takes && set?.fixedColor && (set.mode === 'fixed' || set.mode === 'shades')) colour = set.fixedColor;
  }
  return colour;
}

/** What the stat shows for `value` through its value mappings, if one applies. */
export function mappedText(p: PanelJson, value: number): { text?: string; color?: string } | undefined {
  for (const m of p.fieldConfig?.defaults?.mappings ?? []) {
    if (m.type === 'value') {
      const hit = m.options[String(value)] as { text?: string; color?: string } | undefined;
      if (hit) return hit;
    }
    if (m.type === 'special' && Number.isNaN(value) && (m.options['match'] === 'nan' || m.options['match'] === 'null+nan'))
      return m.options['result'] as { text?: string; color?: string };
  }
  return undefined;
}

export function exprs(p: PanelJson): string[] {
  return (p.targets ?? []).map((t) => t.expr ?? '');
}

/** Every query of a dashboard with where it lives, for messages. */
export function queriesOf(json: Dashboard): { where: string; expr: string; target: TargetJson }[] {
  return contentPanels(json).flatMap((p) =>
    (p.targets ?? []).map((t) => ({ where: `${json.uid} › ${p.title} › ${t.refId}`, expr: t.expr ?? '', target: t })),
  );
}

/** The selector inside `label_values(<selector>, label)` of a query variable. */
export function variableSelector(v: VariableJson): string | undefined {
  const q = typeof v.query === 'string' ? v.query : (v.query as { query?: string } | undefined)?.query;
  const m = q?.match(/^label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\)$/s);
  return m?.[1];
}

// ---------------------------------------------------------------------------------------------
// PromQL facts, from the parser in src/promql/.

export function parse(expr: string): PromqlNode {
  const parsed = parsePromql(expr);
  if (!parsed.ast || parsed.errors.length > 0)
    throw new Error(`does not parse: ${expr}\n${parsed.errors.map((e) => `col ${e.column}: ${e.message}`).join('\n')}`);
  return parsed.ast;
}

export function nodes(expr: string): { node: PromqlNode; ancestors: readonly PromqlNode[] }[] {
  const out: { node: PromqlNode; ancestors: readonly PromqlNode[] }[] = [];
  walk(parse(expr), (node, ancestors) => out.push({ node, ancestors: [...ancestors] }));
  return out;
}

export function unwrap(n: PromqlNode): PromqlNode {
  return n.kind === 'paren' ? unwrap(n.expr) : n;
}

/** Full-match test of a PromQL regex matcher value, as Prometheus anchors it. */
export function regexMatches(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

/** Pairs of content panels whose grid rectangles intersect. */
export function overlaps(json: Dashboard): [string, string][] {
  const top = ((json.panels ?? []) as unknown as PanelJson[]).filter((p) => p.gridPos);
  const out: [string, string][] = [];
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      const a = top[i]!.gridPos!;
      const b = top[j]!.gridPos!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push([top[i]!.title ?? '?', top[j]!.title ?? '?']);
    }
  }
  return out;
}
