import { FUNCTIONS } from "./functions.js";
import { GRAFANA_VARIABLE, grafanaVariables, substituteGrafanaMacros } from "./grafana-macros.js";
import { mayCarry, outputLabels } from "./labels.js";
import { MetricCatalog, editDistance, isCounterName } from "./metric-names.js";
import { parsePromql, parsePromqlAlone } from "./parse.js";
import { safeRegex } from "./regex.js";
import { skipString } from "./syntax-errors.js";
import {
  aggregations,
  childrenOf,
  functionCalls,
  textOf,
  vectorSelectors,
  walk
} from "./walk.js";
export {
  FUNCTIONS,
  GRAFANA_VARIABLE,
  MetricCatalog,
  aggregations,
  childrenOf,
  editDistance,
  functionCalls,
  grafanaVariables,
  isCounterName,
  mayCarry,
  outputLabels,
  parsePromql,
  parsePromqlAlone,
  safeRegex,
  skipString,
  substituteGrafanaMacros,
  textOf,
  vectorSelectors,
  walk
};
