/**
 * Dashboards held against the types Grafana publishes in `@grafana/schema`: every dashboard a
 * project builds matches them, and a panel option Grafana does not know, a value outside one of
 * its enums or a value of the wrong type is a finding located at the panel and the field, with
 * the fix.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultDashboard } from '@grafana/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGrafanaTypes, grafanaTypesVersion } from '../src/check/grafana-types/index.js';
import { assembleModel } from '../src/model/assemble.js';
import type { BuildModel } from '../src/model/types.js';
import { GOLDEN_CASES } from './golden/cases.js';
import { repoRoot } from '../tools/project-copy.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const models = new Map<string, BuildModel>();

beforeAll(async () => {
  for (const c of GOLDEN_CASES) models.set(c.name, await assembleModel(path.join(repoRoot, c.project)));
}, 120_000);

function findings(json: unknown) {
  return checkGrafanaTypes(json, { file: 'dashboards/http-overview.ts', path: ['dashboard items-api-http-overview'] }).map((d) => ({
    path: d.where.path,
    message: d.message,
    hint: d.hint,
  }));
}

/** The Items API's HTTP Overview as dac builds it, as a copy to break. */
function httpOverview(): Json {
  const d = models.get(GOLDEN_CASES[0]!.name)!.dashboards.find((x) => x.ref.uid === 'items-api-http-overview')!;
  return JSON.parse(JSON.stringify(d.json)) as Json;
}

function panel(json: Json, type: string): Json {
  const all = (json.panels as Json[]).flatMap((p) => [p, ...((p.panels as Json[] | undefined) ?? [])]);
  const found = all.find((p) => p.type === type);
  if (!found) throw new Error(`no ${type} panel`);
  return found;
}

describe("Grafana's published types", () => {
  it('come from the @grafana/schema release pinned in package.json, whose dashboards have the schemaVersion dac emits', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@grafana/schema']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(grafanaTypesVersion()).toBe(pkg.dependencies['@grafana/schema']);
    expect(httpOverview().schemaVersion).toBe(defaultDashboard.schemaVersion);
  });

  for (const c of GOLDEN_CASES)
    it(`${c.name}: every dashboard, panel, option and field config matches them`, () => {
      const model = models.get(c.name)!;
      // The Items API and the shop have dashboards; the SLO-only projects have none to check.
      if (c.project === '.' || c.project === 'examples/shop') expect(model.dashboards.length).toBeGreaterThan(0);
      for (const d of model.dashboards) expect(checkGrafanaTypes(d.json, { file: d.source, path: [`dashboard ${d.ref.uid}`] })).toEqual([]);
    });

  it('an option the panel plugin does not declare is located at the panel and the option, with the options it has', () => {
    const json = httpOverview();
    const ts = panel(json, 'timeseries');
    ts.options.legend.showLegnd = true;
    expect(findings(json)).toEqual([
      {
        path: ['dashboard items-api-http-overview', `panel "${ts.title}"`, 'options.legend.showLegnd'],
        message: expect.stringMatching(/^unknown field "showLegnd": the timeseries panel's options in @grafana\/schema \d/),
        hint: expect.stringContaining('showLegend'),
      },
    ]);
  });

  it('a value outside an enum names the values Grafana allows', () => {
    const json = httpOverview();
    const ts = panel(json, 'timeseries');
    ts.options.legend.displayMode = 'bottom';
    expect(findings(json)).toEqual([
      {
        path: ['dashboard items-api-http-overview', `panel "${ts.title}"`, 'options.legend.displayMode'],
        message: expect.stringMatching(/^"bottom" is not one of .*\(the timeseries panel's options in @grafana\/schema/),
        hint: expect.stringMatching(/^use one of (?=.*"list")(?=.*"table")(?=.*"hidden")/),
      },
    ]);
  });

  it('a value of the wrong type, in the field config of the plugin, says which type it must be', () => {
    const json = httpOverview();
    const ts = panel(json, 'timeseries');
    ts.fieldConfig.defaults.custom.lineWidth = '2';
    expect(findings(json)).toEqual([
      {
        path: ['dashboard items-api-http-overview', `panel "${ts.title}"`, 'fieldConfig.defaults.custom.lineWidth'],
        message: expect.stringMatching(/^must be number, not string "2" \(the timeseries panel's field config in @grafana\/schema/),
        hint: 'give it a number value',
      },
    ]);
  });

  it('a missing required option names the field and what to set', () => {
    const json = httpOverview();
    const ts = panel(json, 'timeseries');
    delete ts.options.tooltip;
    expect(findings(json)).toEqual([
      {
        path: ['dashboard items-api-http-overview', `panel "${ts.title}"`, 'options.tooltip'],
        message: expect.stringContaining('missing "tooltip", which the timeseries panel\'s options'),
        hint: expect.stringContaining('set it to VizTooltipOptions'),
      },
    ]);
  });

  it("a variable's unknown field is located by the variable's name", () => {
    const json = httpOverview();
    const job = (json.templating.list as Json[]).find((v) => v.name === 'job')!;
    Object.assign(job, { auto: false });
    expect(findings(json)).toEqual([
      {
        path: ['dashboard items-api-http-overview', 'variable "job"', 'auto'],
        message: expect.stringContaining('unknown field "auto": Grafana\'s Dashboard type'),
        hint: expect.stringContaining('regex'),
      },
    ]);
  });

  it('a panel inside a collapsed row is checked like any other, under its own title', () => {
    const json = httpOverview();
    const inner = panel(json, 'stat');
    json.panels = (json.panels as Json[]).filter((p) => p !== inner);
    json.panels.push({ type: 'row', id: 900, title: 'Details', collapsed: true, gridPos: { h: 1, w: 24, x: 0, y: 200 }, panels: [inner] });
    inner.transparent = 'yes';
    expect(findings(json).map((f) => f.path)).toEqual([['dashboard items-api-http-overview', `panel "${inner.title}"`, 'transparent']]);
  });
});
