/**
 * What a module under `dashboards/` or `rules/` exports by default. Definitions are functions of a
 * service: the build calls `build` once per service in the config, so every service gets its own
 * dashboards and rule files from the same modules.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Service } from '../config/types.js';
import type { PromtoolTestCase, RuleGroup } from '../rules/model.js';

export interface DashboardRef {
  /** Definition id, e.g. `http-overview`. */
  id: string;
  uid: string;
  title: string;
}

export interface DashboardContext {
  service: Service;
  /** This dashboard's uid and full title, assigned by the build. */
  uid: string;
  title: string;
  /** Every dashboard the build emits for this service, this one included, in definition order. */
  dashboards: DashboardRef[];
  /**
   * SLOs of the service imported from rules/slo/ (those of dac.config.ts are in `service.slos`),
   * so that an SLO dashboard can judge each by its own objective and period.
   */
  importedSlos?: readonly ImportedSlo[];
}

export interface ImportedSlo {
  name: string;
  /** Percentage, e.g. 99.5. */
  objective: number;
  period: string;
}

/** Anything with a `build()` returning a dashboard: the foundation SDK's DashboardBuilder qualifies. */
export interface BuildsDashboard {
  build(): Dashboard;
}

export interface DashboardDefinition {
  kind: 'dashboard';
  /** Short id, lower-case and dashes; the uid is `<service>-<id>`. */
  id: string;
  /** Title without the service; the full title is `<service title> / <title>`. */
  title: string;
  /** Leave a service out, e.g. a database dashboard for a service without database metrics. */
  appliesTo?: (service: Service) => boolean;
  build: (ctx: DashboardContext) => BuildsDashboard | Dashboard;
}

export interface RuleContext {
  service: Service;
  /** The service's dashboards, for alert links. */
  dashboards: DashboardRef[];
}

export interface RuleDefinition {
  kind: 'rules';
  /** Short id; the file is `out/rules/<service>-<id>.yml`. */
  id: string;
  appliesTo?: (service: Service) => boolean;
  build: (ctx: RuleContext) => RuleGroup[];
  /**
   * promtool unit tests for the groups above, emitted to `out/tests/<service>-<id>.test.yml`.
   * Every alert of the file must be covered by a case where it fires and one where it does not.
   */
  tests?: (ctx: RuleContext) => PromtoolTestCase[];
}

export type Definition = DashboardDefinition | RuleDefinition;

export function defineDashboard(def: Omit<DashboardDefinition, 'kind'>): DashboardDefinition {
  return { kind: 'dashboard', ...def };
}

export function defineRules(def: Omit<RuleDefinition, 'kind'>): RuleDefinition {
  return { kind: 'rules', ...def };
}
