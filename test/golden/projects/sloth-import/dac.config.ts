import { defineConfig } from 'dac';

/** A service whose SLOs come from a Sloth spec kept in rules/slo/, imported unchanged. */
export default defineConfig({
  project: 'golden-sloth-import',
  services: [{ name: 'payments', title: 'Payments', selector: { job: 'payments' }, profile: 'generic' }],
});
