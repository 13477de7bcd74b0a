/**
 * Builds a BuildModel around one broken definition from the corpus: a clean dashboard and a clean
 * rule file that validate without a finding, with the fixture's change applied on top. The fixture
 * says what it changes and exactly which findings it must produce.
 */
import { readFileSync } from 'node:fs';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { parse } from 'yaml';
import { resolveConfig, resolveDelivery } from '../../src/config/validate.js';
import type { Service } from '../../src/config/types.js';
import type { BuildModel, BuiltRuleFile } from '../../src/model/types.js';
import type { Rule, RuleGroup } from '../../src/rules/model.js';

export interface ExpectedFinding {
  check: string;
  severity: 'error' | 'warning' | 'info';
  file?: string;
  line?: number;
  path: string[];
  column?: number;
  /** A fragment the message must contain. */
  message?: string;
  /** A fragment the hint (the fix) must contain. */
  hint?: string;
}

export interface Fixture {
  description: string;
  /** Replaces the clean panel's query A. */
  expr?: string;
  /** JSON merge patch (RFC 7386) on the clean panel. */
  panel?: Record<string, unknown>;
  /** JSON merge patch on the clean dashboard. */
  dashboard?: Record<string, unknown>;
  /** More panels: each a merge patch on the clean panel. */
  extraPanels?: Record<string, unknown>[];
  /** Rules of group "fixture" in out/rules/corpus-fixture.yml. */
  rules?: Rule[];
  /** Several rule files: stem → groups. */
  ruleFiles?: Record<string, RuleGroup[]>;
  expect: ExpectedFinding[];
}

export const DASHBOARD_SOURCE = 'dashboards/fixture.ts';
export const UID = 'corpus-fixture';

export function corpusService(): Service {
  const [service] = resolveConfig(
    {
      services: [
        {
          name: 'corpus',
          title: 'Corpus',
          selector: { job: 'corpus' },
          profile: 'fastapi-instrumentator',
          database: {
            queryDuration: 'db_query_duration_seconds',
            // The Items API's database histogram (examples/items-api/app/metrics.py).
            buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            poolSize: 'db_connection_pool_size',
            poolInUse: 'db_connection_pool_checked_out',
          },
        },
      ],
    },
    'dac.config.ts',
  );
  return service!;
}

const DS = { type: 'prometheus', uid: '${datasource}' };

export function cleanPanel(): Record<string, unknown> {
  return {
    type: 'timeseries',
    id: 1,
    title: 'Fixture',
    description: 'Requests per second by handler.',
    gridPos: { h: 8, w: 12, x: 0, y: 0 },
    datasource: { ...DS },
    fieldConfig: { defaults: { unit: 'reqps' }, overrides: [] },
    targets: [
      {
        refId: 'A',
        datasource: { ...DS },
        expr: 'sum by (handler) (rate(http_requests_total{job="$job", instance=~"$instance"}[$__rate_interval]))',
      },
    ],
  };
}

export function cleanDashboard(): Record<string, unknown> {
  return {
    uid: UID,
    title: 'Corpus / Fixture',
    schemaVersion: 42,
    tags: ['corpus'],
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { type: 'datasource', name: 'datasource', query: 'prometheus' },
        { type: 'query', name: 'job', datasource: { ...DS }, query: 'label_values(up{job="corpus"}, job)' },
        {
          type: 'query',
          name: 'instance',
          datasource: { ...DS },
          query: 'label_values(up{job="$job"}, instance)',
          multi: true,
          includeAll: true,
        },
      ],
    },
    annotations: { list: [] },
    panels: [cleanPanel()],
  };
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

export function loadFixture(file: string): Fixture {
  return parse(readFileSync(file, 'utf8')) as Fixture;
}

export function modelFor(fixture: Fixture): BuildModel {
  const service = corpusService();
  let panel = cleanPanel();
  if (fixture.expr !== undefined) (panel.targets as { expr: string }[])[0]!.expr = fixture.expr;
  if (fixture.panel) panel = mergePatch(panel, fixture.panel) as Record<string, unknown>;
  const extra = (fixture.extraPanels ?? []).map((p, i) =>
    mergePatch({ ...cleanPanel(), id: i + 2, gridPos: { h: 8, w: 12, x: 12 * ((i + 1) % 2), y: 8 * Math.floor((i + 1) / 2) } }, p),
  );
  let dashboard = { ...cleanDashboard(), panels: [panel, ...extra] } as Record<string, unknown>;
  if (fixture.dashboard) dashboard = mergePatch(dashboard, fixture.dashboard) as Record<string, unknown>;
  const json = dashboard as unknown as Dashboard;

  const ruleFiles: BuiltRuleFile[] = [];
  const addFile = (stem: string, groups: RuleGroup[]) =>
    ruleFiles.push({ service, source: `rules/${stem}.ts`, stem, outPath: `rules/${stem}.yml`, groups, tests: [] });
  if (fixture.rules) addFile('corpus-fixture', [{ name: 'fixture', rules: fixture.rules }]);
  for (const [stem, groups] of Object.entries(fixture.ruleFiles ?? {})) addFile(stem, groups);

  return {
    root: '/corpus',
    configFile: 'dac.config.ts',
    services: [service],
    delivery: resolveDelivery({}),
    dashboards: [
      {
        service,
        source: DASHBOARD_SOURCE,
        ref: { id: 'fixture', uid: json.uid ?? UID, title: json.title ?? '' },
        outPath: `dashboards/${UID}.json`,
        json,
      },
    ],
    ruleFiles,
  };
}
