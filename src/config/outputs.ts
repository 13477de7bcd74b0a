/** The config's `outputs`, with defaults: dashboards and rules on, every delivery format off. */
import type { DacConfig, Outputs } from './types.js';

export const DEFAULT_OUTPUTS: Outputs = {
  dashboards: true,
  rules: true,
  provisioning: false,
  kubernetes: false,
  rulers: false,
  compose: false,
  grafana: false,
};

/** Types are checked by shape.ts before this runs; here only the defaults are filled in. */
export function resolveOutputs(config: unknown): Outputs {
  const given = (config as DacConfig | undefined)?.outputs ?? {};
  return {
    dashboards: given.dashboards ?? DEFAULT_OUTPUTS.dashboards,
    rules: given.rules ?? DEFAULT_OUTPUTS.rules,
    provisioning: given.provisioning ?? DEFAULT_OUTPUTS.provisioning,
    kubernetes: given.kubernetes ?? DEFAULT_OUTPUTS.kubernetes,
    rulers: given.rulers ?? DEFAULT_OUTPUTS.rulers,
    compose: given.compose ?? DEFAULT_OUTPUTS.compose,
    grafana: given.grafana ?? DEFAULT_OUTPUTS.grafana,
  };
}
