/**
 * `outputs: { grafana: { apiVersion: 'v2beta1' } }` writes each dashboard as a v2beta1
 * `dashboard.grafana.app` resource: panels as elements, rows and grid as a layout, variables as v2
 * kinds, converted from the classic JSON dac builds and held against the v2 types Grafana
 * publishes in `@grafana/schema` by the same checks `dac validate` runs on out/.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEmitted } from '../src/check/index.js';
import { DEFAULT_OUTPUTS } from '../src/config/outputs.js';
import { resolveConfig } from '../src/config/validate.js';
import { folderChain } from '../src/deliver/grafana/folders.js';
import { emitFiles } from '../src/emit/files.js';
import { assembleModel } from '../src/model/assemble.js';
import type { BuildModel } from '../src/model/types.js';
import { GOLDEN_CASES } from './golden/cases.js';
import { repoRoot } from '../tools/project-copy.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const models = new Map<string, BuildModel>();
beforeAll(async () => {
  for (const c of GOLDEN_CASES) models.set(c.name, await assembleModel(path.join(repoRoot, c.project)));
}, 120_000);

const v2 = (m: BuildModel): BuildModel => ({ ...m, outputs: { ...DEFAULT_OUTPUTS, ...m.outputs, grafana: { apiVersion: 'v2beta1' } } });
const builtIn = () => models.get(GOLDEN_CASES[0]!.name)!;

function resources(m: BuildModel): Map<string, string> {
  return new Map([...emitFiles(v2(m))].filter(([p]) => p.startsWith('grafana/')));
}

function resourceOf(m: BuildModel, uid: string): { file: string; json: Json } {
  const [file, text] = [...resources(m)].find(([p]) => p.endsWith(`/${uid}.json`))!;
  return { file, json: JSON.parse(text) as Json };
}

describe('v2beta1 dashboard resources', () => {
  for (const c of GOLDEN_CASES)
    it(`${c.name}: every dashboard matches the v2 types of @grafana/schema, options and field config per plugin`, () => {
      const files = resources(models.get(c.name)!);
      expect(files.size).toBe(models.get(c.name)!.dashboards.length);
      expect(checkEmitted(files)).toEqual([]);
    });

  it('carry the uid as the name and the folder dac push creates as the annotation', () => {
    for (const d of builtIn().dashboards) {
      const { json } = resourceOf(builtIn(), d.ref.uid);
      expect(json).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2beta1', kind: 'Dashboard', metadata: { name: d.ref.uid } });
      expect(json.metadata.annotations).toEqual({ 'grafana.app/folder': folderChain(d.service.grafanaFolder).at(-1)!.uid });
      expect(json.spec.title).toBe((d.json as unknown as Json).title);
    }
  });

  it('hold every classic panel as an element and place it in the row it sat under, y counted from the row', () => {
    for (const d of builtIn().dashboards) {
      const classic = d.json as unknown as Json;
      const { spec } = resourceOf(builtIn(), d.ref.uid).json;
      const panels = (classic.panels as Json[]).filter((p) => p.type !== 'row');
      expect(Object.keys(spec.elements).sort()).toEqual(panels.map((p) => `panel-${p.id}`).sort());
      const rows = (classic.panels as Json[]).filter((p) => p.type === 'row');
      expect(spec.layout.kind).toBe('RowsLayout');
      expect(spec.layout.spec.rows.map((r: Json) => r.spec.title)).toEqual(rows.map((r) => r.title));
      spec.layout.spec.rows.forEach((r: Json, i: number) => {
        const top = rows[i]!.gridPos.y + 1;
        for (const item of r.spec.layout.spec.items) {
          const panel = panels.find((p) => `panel-${p.id}` === item.spec.element.name)!;
          expect(item.spec).toMatchObject({
            x: panel.gridPos.x,
            y: panel.gridPos.y - top,
            width: panel.gridPos.w,
            height: panel.gridPos.h,
          });
          expect(spec.elements[item.spec.element.name].spec.vizConfig.group).toBe(panel.type);
          expect(spec.elements[item.spec.element.name].spec.data.spec.queries).toHaveLength(panel.targets.length);
        }
        if (rows[i]!.repeat) expect(r.spec.repeat).toEqual({ mode: 'variable', value: rows[i]!.repeat });
      });
    }
  });

  it('keep variables, links and time settings in their v2 form', () => {
    const d = builtIn().dashboards.find((x) => x.ref.uid === 'items-api-red')!;
    const classic = d.json as unknown as Json;
    const { spec } = resourceOf(builtIn(), d.ref.uid).json;
    expect(spec.variables.map((v: Json) => [v.kind, v.spec.name])).toEqual(
      classic.templating.list.map((v: Json) => [v.type === 'query' ? 'QueryVariable' : 'DatasourceVariable', v.name]),
    );
    const job = spec.variables.find((v: Json) => v.spec.name === 'job');
    expect(job.spec).toMatchObject({ refresh: 'onTimeRangeChanged', sort: 'alphabeticalAsc', hide: 'dontHide' });
    expect(job.spec.query).toMatchObject({
      kind: 'DataQuery',
      group: 'prometheus',
      spec: { __legacyStringValue: expect.stringContaining('label_values(') },
    });
    expect(spec.links.map((l: Json) => l.url)).toEqual(classic.links.map((l: Json) => l.url));
    expect(spec.timeSettings).toMatchObject({
      from: classic.time.from,
      to: classic.time.to,
      autoRefresh: classic.refresh,
      timezone: classic.timezone,
    });
    expect(spec.cursorSync).toBe('Crosshair');
  });

  it('are checked by dac validate: an unknown field, a wrong kind, an unknown option, located at the panel, row or variable', () => {
    const { file, json } = resourceOf(builtIn(), 'items-api-red');
    const table = Object.entries(json.spec.elements as Record<string, Json>).find(([, e]) => e.spec.vizConfig.group === 'table')!;
    table[1].spec.colour = 'red';
    table[1].spec.vizConfig.spec.options.footer = { show: true };
    json.spec.layout.spec.rows[1].spec.layout.spec.items[0].kind = 'GridItem';
    json.spec.variables[1].kind = 'QueryVar';
    const found = checkEmitted(new Map([[file, JSON.stringify(json)]]));
    const title = `panel "${table[1].spec.title}"`;
    const row = `row "${json.spec.layout.spec.rows[1].spec.title}"`;
    const item = `item "${json.spec.layout.spec.rows[1].spec.layout.spec.items[0].spec.element.name}"`;
    expect(found.map((f) => [f.check, f.where.file, f.where.path.join(' › ')]).sort()).toEqual(
      [
        ['grafana/schema', `out/${file}`, `dashboard items-api-red › ${title} › spec.colour`],
        ['grafana/schema', `out/${file}`, `dashboard items-api-red › ${title} › vizConfig.spec.options.footer`],
        ['grafana/schema', `out/${file}`, `dashboard items-api-red › ${row} › ${item} › kind`],
        ['grafana/schema', `out/${file}`, 'dashboard items-api-red › variable "job" › kind'],
      ].sort(),
    );
    for (const f of found) expect(f.hint).toBeTruthy();
    expect(found.find((f) => f.where.path.at(-1) === 'kind' && f.where.path.length === 4)!.hint).toBe('use "GridLayoutItem"');
  });

  it('place every element in the layout, and a layout item naming no element is a finding', () => {
    const { file, json } = resourceOf(builtIn(), 'items-api-red');
    const items = json.spec.layout.spec.rows[0].spec.layout.spec.items;
    const [name] = [items[0].spec.element.name];
    items[0].spec.element.name = 'panel-999';
    const found = checkEmitted(new Map([[file, JSON.stringify(json)]]));
    const row = `row "${json.spec.layout.spec.rows[0].spec.title}"`;
    expect(found.map((f) => f.where.path.join(' › ')).sort()).toEqual(
      [`dashboard items-api-red › ${row} › item "panel-999"`, `dashboard items-api-red › element "${name}"`].sort(),
    );
  });

  it('are written for the shop example, whose golden tree holds them', () => {
    const shop = models.get(GOLDEN_CASES[1]!.name)!;
    expect(shop.outputs?.grafana).toEqual({ apiVersion: 'v2beta1' });
    const files = [...emitFiles(shop)].filter(([p]) => p.startsWith('grafana/'));
    expect(files.length).toBe(shop.dashboards.length);
    for (const [, text] of files) expect(JSON.parse(text).apiVersion).toBe('dashboard.grafana.app/v2beta1');
  });

  it('are asked for with a clear spelling, and a wrong one is a located config error', () => {
    const config = (grafana: unknown) => ({
      services: [{ name: 'items-api', title: 'Items API', selector: { job: 'fastapi' } }],
      outputs: { grafana },
    });
    expect(() => resolveConfig(config({ apiVersion: 'v2beta1' }), 'dac.config.ts')).not.toThrow();
    expect(() => resolveConfig(config(true), 'dac.config.ts')).not.toThrow();
    expect(() => resolveConfig(config({ apiVersion: 'v2' }), 'dac.config.ts')).toThrow(
      /outputs\.grafana\.apiVersion: must be 'v1beta1' or 'v2beta1', got "v2"/,
    );
    expect(() => resolveConfig(config({ apiVersion: 2 }), 'dac.config.ts')).toThrow(/outputs\.grafana\.apiVersion: must be a string/);
    expect(() => resolveConfig(config('v2beta1'), 'dac.config.ts')).toThrow(/outputs\.grafana: must be true or false, or an object/);
  });
});
