import { defineRules } from 'dac';
import { serviceSloGroups, serviceSloTests } from 'dac/rules';

/**
 * The service's SLOs from `dac.config.ts` (`slos`): SLI recording rules per window, error budget and
 * metadata series, and one page and one ticket burn-rate alert per SLO.
 */
export default defineRules({
  id: 'slo',
  appliesTo: (service) => service.slos.length > 0,
  build: (ctx) => serviceSloGroups(ctx),
  tests: (ctx) => serviceSloTests(ctx),
});
