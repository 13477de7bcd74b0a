import { defineConfig } from "./config/define.js";
import {
  defineProfile,
  builtinProfiles,
  fastapiInstrumentator,
  flaskExporter,
  generic,
  histogramMetrics,
  GO_DEFAULT_BUCKETS,
  PYTHON_DEFAULT_BUCKETS,
  INSTRUMENTATOR_LOWR_BUCKETS,
  INSTRUMENTATOR_HIGHR_BUCKETS
} from "./config/profiles.js";
import { defineDashboard, defineRules } from "./definitions/define.js";
export * from "./dashboards/index.js";
export * from "./rules/api.js";
export {
  GO_DEFAULT_BUCKETS,
  INSTRUMENTATOR_HIGHR_BUCKETS,
  INSTRUMENTATOR_LOWR_BUCKETS,
  PYTHON_DEFAULT_BUCKETS,
  builtinProfiles,
  defineConfig,
  defineDashboard,
  defineProfile,
  defineRules,
  fastapiInstrumentator,
  flaskExporter,
  generic,
  histogramMetrics
};
