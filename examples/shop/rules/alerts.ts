import { defineRules } from 'dac';
import { serviceAlertGroups, serviceAlertTests, serviceAlerts } from 'dac/rules';

/** The standard alerts, with the latency warning made more patient for this team. */
const options = { overrides: { HighLatencyWarning: { for: '15m' } } };

export default defineRules({
  id: 'alerts',
  build: (ctx) => serviceAlertGroups(ctx, options),
  tests: (ctx) => serviceAlertTests(ctx.service, serviceAlerts(ctx, options)),
});
