/** Rule and SLO helpers that `rules/*.ts` modules call (re-exported by the public API). */
import type { Service } from '../config/types.js';
import type { RuleContext, RuleDefinition } from '../definitions/define.js';
import { serviceAlertGroups, serviceAlerts, type ServiceAlertOptions } from './alerts.js';
import { serviceAlertTests } from './alert-tests.js';

export { serviceAlerts, serviceAlertGroups, SERVICE_ALERT_IDS } from './alerts.js';
export type { AlertOverride, ServiceAlert, ServiceAlertId, ServiceAlertOptions, GenericSeverity } from './alerts.js';
export { serviceAlertTests } from './alert-tests.js';
export { alertmanagerConfig } from './alertmanager.js';
export { runbookUrl, dashboardUrl } from './links.js';
export { leRegex, serviceSeries } from './promql.js';
export { humanize, humanizeDuration, humanizePercentage } from './humanize.js';
export { serviceSlos, serviceSloGroups, serviceSloTests, ratioSlo } from '../slo/service.js';
export { sloRuleGroups } from '../slo/rules.js';
export { sloAlertTests } from '../slo/tests.js';
export { burnTiers, DEFAULT_TIERS } from '../slo/windows.js';
export type { DerivedTier } from '../slo/windows.js';
export { sloSeries } from '../slo/names.js';
export type { BurnTier, Slo, RatioSli } from '../slo/model.js';

/**
 * The standard alerts as the `build` and `tests` of one rule definition, from one set of options:
 * an override then tunes the rule and the promtool tests that prove it together. Spread it into
 * `defineRules`; options may depend on the service.
 *
 *   export default defineRules({ id: 'alerts', ...standardAlerts({ overrides: { HighLatencyWarning: { for: '15m' } } }) });
 */
export function standardAlerts(
  options: ServiceAlertOptions | ((service: Service) => ServiceAlertOptions) = {},
): Pick<RuleDefinition, 'build' | 'tests'> {
  const resolve = (ctx: RuleContext) => (typeof options === 'function' ? options(ctx.service) : options);
  return {
    build: (ctx) => serviceAlertGroups(ctx, resolve(ctx)),
    tests: (ctx) => serviceAlertTests(ctx.service, serviceAlerts(ctx, resolve(ctx))),
  };
}
