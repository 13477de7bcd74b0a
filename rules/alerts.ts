import { defineRules } from '../src/index.js';
import { serviceAlertGroups, serviceAlertTests, serviceAlerts } from '../src/rules/api.js';

/**
 * The standard alerts of every service: target down, server errors, latency, slow database queries,
 * connection-pool exhaustion, absent metrics and no traffic. Thresholds come from the service config;
 * tune an alert for every service here with `overrides`, e.g. { HighLatencyWarning: { for: '15m' } }.
 */
export default defineRules({
  id: 'alerts',
  build: (ctx) => serviceAlertGroups(ctx),
  tests: (ctx) => serviceAlertTests(ctx.service, serviceAlerts(ctx)),
});
