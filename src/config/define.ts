import type { DacConfig } from './types.js';

/** Identity with a type: lets editors check `dac.config.ts` as it is written. */
export function defineConfig(config: DacConfig): DacConfig {
  return config;
}
