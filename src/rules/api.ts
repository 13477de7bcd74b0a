/** Rule and SLO helpers that `rules/*.ts` modules call (re-exported by the public API). */
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
