/**
 * The build model: every definition evaluated for every service, before checks and emission.
 * Checks read it and return diagnostics; emitters turn it into files. Nothing here does I/O.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Alerting } from '../config/routing.js';
import type { Delivery, Outputs, Service } from '../config/types.js';
import type { DashboardRef } from '../definitions/define.js';
import type { PromtoolTestCase, RuleGroup } from '../rules/model.js';
import type { ProjectIdentity } from './project.js';

export interface BuiltDashboard {
  service: Service;
  /** Repository-relative module that defined it, e.g. `dashboards/http-overview.ts`. */
  source: string;
  ref: DashboardRef;
  /** Output path relative to out/, e.g. `dashboards/items-api-http-overview.json`. */
  outPath: string;
  json: Dashboard;
}

export interface BuiltRuleFile {
  /** Absent for rule files imported from SLO specs that name their own service. */
  service?: Service;
  source: string;
  /** File stem: `items-api-alerts`; the file is `rules/<stem>.yml`. */
  stem: string;
  /** Output path relative to out/, e.g. `rules/items-api-alerts.yml`. */
  outPath: string;
  groups: RuleGroup[];
  tests: PromtoolTestCase[];
}

export interface BuildModel {
  /** Absolute project root the definitions were loaded from. */
  root: string;
  /** Repository-relative config module. */
  configFile: string;
  services: Service[];
  /**
   * Which project this is; every dashboard carries its tag, and `dac push --prune` selects on it.
   * Always set by assembly; optional for models that tests put together by hand.
   */
  project?: ProjectIdentity;
  delivery: Delivery;
  /** Teams and notifiers from the config's `alerting`; absent when it has none. */
  alerting?: Alerting;
  /** What the build writes (the config's `outputs`); absent in models put together by hand: the defaults. */
  outputs?: Outputs;
  /** The config's `minPrometheusVersion`: 3 allows UTF-8 metric and label names; absent: 2. */
  minPrometheusVersion?: 2 | 3;
  dashboards: BuiltDashboard[];
  ruleFiles: BuiltRuleFile[];
}
