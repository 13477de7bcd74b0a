/**
 * A `dashboard.grafana.app/v2beta1` spec held against the v2 types `@grafana/schema` publishes
 * (the `v2.spec` root of derive.ts), and each panel element's options and custom field config
 * against its plugin's types, as for the classic model. Findings are located by what a reader
 * knows: `panel "Requests"`, `row "Handler $handler"`, `variable "job"`, then the field.
 */
import type { Diagnostic, Where } from '../../core/diagnostic.js';
import { grafanaSchemas } from './derive.js';
import { field, GRAFANA_TYPES_CHECK, run, validator } from './index.js';

type Json = Record<string, unknown>;

const quoted = (v: unknown, fallback: string) => (typeof v === 'string' && v ? `"${v}"` : fallback);

/** `["elements","panel-3","spec","title"]` → `['panel "Requests"', 'spec.title']`, following the spec's own values. */
function locate(spec: Json, segments: string[]): string[] {
  let node: unknown = spec;
  let labels: string[] = [];
  let rest: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const parent = node;
    node = node && typeof node === 'object' ? (node as Json)[s] : undefined;
    const inner = (node as { spec?: Json; kind?: unknown } | undefined)?.spec;
    const key = segments[i - 1];
    let label: string | undefined;
    if (parent === spec && ['elements', 'variables', 'annotations', 'links'].includes(s)) continue;
    if (key === 'elements' && i === 1) label = `panel ${quoted(inner?.title, s)}`;
    else if (key === 'variables' && i === 1) label = `variable ${quoted(inner?.name, `#${s}`)}`;
    else if (key === 'annotations' && i === 1) label = `annotation ${quoted(inner?.name, `#${s}`)}`;
    else if (key === 'links' && i === 1) label = `link ${quoted((node as Json | undefined)?.title, `#${s}`)}`;
    else if (key === 'rows' || key === 'tabs') label = `${key === 'rows' ? 'row' : 'tab'} ${quoted(inner?.title, `#${s}`)}`;
    else if (key === 'items') label = `item ${quoted((inner?.element as Json | undefined)?.name, `#${s}`)}`;
    if (label !== undefined) {
      labels = [...labels, label];
      rest = [];
    } else if (!['rows', 'tabs', 'items'].includes(s)) rest.push(s);
  }
  return [...labels, ...field(rest)];
}

/** Every element name the layout places, with the row or tab it sits in, walking nested layouts. */
function placements(layout: unknown, at: string[] = []): { name: string; at: string[] }[] {
  const spec = ((layout as Json | undefined)?.spec ?? {}) as Json;
  const out: { name: string; at: string[] }[] = [];
  for (const item of Array.isArray(spec.items) ? (spec.items as Json[]) : []) {
    const name = ((item?.spec as Json | undefined)?.element as Json | undefined)?.name;
    if (typeof name === 'string') out.push({ name, at });
  }
  for (const [key, label] of [
    ['rows', 'row'],
    ['tabs', 'tab'],
  ] as const)
    for (const [i, child] of (Array.isArray(spec[key]) ? (spec[key] as Json[]) : []).entries()) {
      const childSpec = (child?.spec ?? {}) as Json;
      out.push(...placements(childSpec.layout, [...at, `${label} ${quoted(childSpec.title, `#${i}`)}`]));
    }
  return out;
}

/**
 * What the types cannot say: every layout item names an element, and every element is placed
 * (Grafana shows only what the layout places, and drops a reference to nothing).
 */
function placementFindings(root: Json, where: Where): Diagnostic[] {
  const elements = new Set(Object.keys((root.elements ?? {}) as Json));
  const placed = placements(root.layout);
  const out: Diagnostic[] = [];
  const finding = (path: string[], message: string, hint: string): Diagnostic => ({
    severity: 'error',
    check: GRAFANA_TYPES_CHECK,
    where: { ...where, path: [...where.path, ...path] },
    message,
    hint,
  });
  for (const p of placed)
    if (!elements.has(p.name))
      out.push(
        finding(
          [...p.at, `item "${p.name}"`],
          `the layout places element "${p.name}", which elements does not hold`,
          'rebuild out/ with `dac build`',
        ),
      );
  const names = new Set(placed.map((p) => p.name));
  for (const name of elements)
    if (!names.has(name))
      out.push(
        finding(
          [`element "${name}"`],
          `element "${name}" is placed nowhere in the layout, so Grafana never shows it`,
          'rebuild out/ with `dac build`',
        ),
      );
  return out;
}

/** Every finding of one v2beta1 dashboard spec. */
export function checkGrafanaV2Spec(spec: unknown, where: Where): Diagnostic[] {
  const source = `@grafana/schema ${grafanaSchemas().version}`;
  const root = (spec && typeof spec === 'object' ? spec : {}) as Json;
  const out = run(validator('v2.spec')!, spec, where, [], (s) => locate(root, s), `Grafana's v2beta1 dashboard Spec type in ${source}`);
  const elements = (root.elements && typeof root.elements === 'object' ? root.elements : {}) as Record<string, Json>;
  for (const [name, element] of Object.entries(elements)) {
    const panel = (element?.spec ?? {}) as Json;
    const viz = (panel.vizConfig as Json | undefined) ?? {};
    const plugin = typeof viz.group === 'string' ? viz.group : '';
    const vizSpec = (viz.spec as Json | undefined) ?? {};
    const at = [`panel ${quoted(panel.title, name)}`];
    const options = validator(`panel.${plugin}.options`);
    if (options && vizSpec.options !== undefined) {
      const pathOf = (s: string[]) => field(['vizConfig', 'spec', 'options', ...s]);
      out.push(...run(options, vizSpec.options, where, at, pathOf, `the ${plugin} panel's options in ${source}`));
    }
    const custom = validator(`panel.${plugin}.custom`);
    const customValue = ((vizSpec.fieldConfig as Json | undefined)?.defaults as Json | undefined)?.custom;
    if (custom && customValue !== undefined) {
      const pathOf = (s: string[]) => field(['vizConfig', 'spec', 'fieldConfig', 'defaults', 'custom', ...s]);
      out.push(...run(custom, customValue, where, at, pathOf, `the ${plugin} panel's field config in ${source}`));
    }
  }
  out.push(...placementFindings(root, where));
  return out;
}
