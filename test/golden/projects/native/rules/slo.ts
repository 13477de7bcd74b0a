import { defineRules } from 'dac';
import { serviceSloGroups, serviceSloTests } from 'dac/rules';

export default defineRules({
  id: 'slo',
  appliesTo: (service) => service.slos.length > 0,
  build: (ctx) => serviceSloGroups(ctx),
  tests: (ctx) => serviceSloTests(ctx),
});
