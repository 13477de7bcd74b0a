import { serviceAlerts, serviceAlertGroups, SERVICE_ALERT_IDS } from "./alerts.js";
import { serviceAlertTests } from "./alert-tests.js";
import { alertmanagerConfig } from "./alertmanager.js";
import { runbookUrl, dashboardUrl } from "./links.js";
import { leRegex, serviceSeries } from "./promql.js";
import { humanize, humanizeDuration, humanizePercentage } from "./humanize.js";
import { serviceSlos, serviceSloGroups, serviceSloTests, ratioSlo } from "../slo/service.js";
import { sloRuleGroups } from "../slo/rules.js";
import { sloAlertTests } from "../slo/tests.js";
import { burnTiers, DEFAULT_TIERS } from "../slo/windows.js";
import { sloSeries } from "../slo/names.js";
export {
  DEFAULT_TIERS,
  SERVICE_ALERT_IDS,
  alertmanagerConfig,
  burnTiers,
  dashboardUrl,
  humanize,
  humanizeDuration,
  humanizePercentage,
  leRegex,
  ratioSlo,
  runbookUrl,
  serviceAlertGroups,
  serviceAlertTests,
  serviceAlerts,
  serviceSeries,
  serviceSloGroups,
  serviceSloTests,
  serviceSlos,
  sloAlertTests,
  sloRuleGroups,
  sloSeries
};
