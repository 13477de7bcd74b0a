/** The public API that `dac.config.ts`, `dashboards/` and `rules/` modules import. */
export { defineConfig } from './config/define.js';
export {
  defineProfile,
  builtinProfiles,
  fastapiInstrumentator,
  flaskExporter,
  generic,
  clientGolangNative,
  histogramMetrics,
  GO_DEFAULT_BUCKETS,
  PYTHON_DEFAULT_BUCKETS,
  INSTRUMENTATOR_LOWR_BUCKETS,
  INSTRUMENTATOR_HIGHR_BUCKETS,
} from './config/profiles.js';
export type * from './config/types.js';
export { defineDashboard, defineRules } from './definitions/define.js';
export type * from './definitions/define.js';
export type * from './rules/model.js';
export * from './dashboards/index.js';
export * from './rules/api.js';
