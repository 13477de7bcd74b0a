/**
 * The signatures of PromQL's functions and parameterised aggregations, following the Prometheus
 * function reference: `optional` counts trailing arguments that may be left out, `variadic` lets
 * the last one repeat.
 */
import type { ValueType } from './ast.js';

export type Arg = 'v' | 'm' | 's' | 'str';
export interface Signature {
  args: Arg[];
  optional?: number;
  variadic?: boolean;
  returns: ValueType;
}

const sig = (args: Arg[], returns: ValueType, extra: Partial<Signature> = {}): Signature => ({ args, returns, ...extra });
const V2V = sig(['v'], 'vector');
const M2V = sig(['m'], 'vector');
const TIME_FN = sig(['v'], 'vector', { optional: 1 });

export const FUNCTIONS: Record<string, Signature> = {
  abs: V2V,
  absent: V2V,
  absent_over_time: M2V,
  acos: V2V,
  acosh: V2V,
  asin: V2V,
  asinh: V2V,
  atan: V2V,
  atanh: V2V,
  avg_over_time: M2V,
  ceil: V2V,
  changes: M2V,
  clamp: sig(['v', 's', 's'], 'vector'),
  clamp_max: sig(['v', 's'], 'vector'),
  clamp_min: sig(['v', 's'], 'vector'),
  cos: V2V,
  cosh: V2V,
  count_over_time: M2V,
  days_in_month: TIME_FN,
  day_of_month: TIME_FN,
  day_of_week: TIME_FN,
  day_of_year: TIME_FN,
  deg: V2V,
  delta: M2V,
  deriv: M2V,
  double_exponential_smoothing: sig(['m', 's', 's'], 'vector'),
  exp: V2V,
  first_over_time: M2V,
  floor: V2V,
  histogram_avg: V2V,
  histogram_count: V2V,
  histogram_fraction: sig(['s', 's', 'v'], 'vector'),
  histogram_quantile: sig(['s', 'v'], 'vector'),
  histogram_stddev: V2V,
  histogram_stdvar: V2V,
  histogram_sum: V2V,
  hour: TIME_FN,
  idelta: M2V,
  increase: M2V,
  irate: M2V,
  label_join: sig(['v', 'str', 'str', 'str'], 'vector', { variadic: true }),
  label_replace: sig(['v', 'str', 'str', 'str', 'str'], 'vector'),
  last_over_time: M2V,
  ln: V2V,
  log10: V2V,
  log2: V2V,
  mad_over_time: M2V,
  max_over_time: M2V,
  min_over_time: M2V,
  minute: TIME_FN,
  month: TIME_FN,
  pi: sig([], 'scalar'),
  predict_linear: sig(['m', 's'], 'vector'),
  present_over_time: M2V,
  quantile_over_time: sig(['s', 'm'], 'vector'),
  rad: V2V,
  rate: M2V,
  resets: M2V,
  round: sig(['v', 's'], 'vector', { optional: 1 }),
  scalar: sig(['v'], 'scalar'),
  sgn: V2V,
  sin: V2V,
  sinh: V2V,
  sort: V2V,
  sort_desc: V2V,
  sort_by_label: sig(['v', 'str'], 'vector', { variadic: true }),
  sort_by_label_desc: sig(['v', 'str'], 'vector', { variadic: true }),
  sqrt: V2V,
  stddev_over_time: M2V,
  stdvar_over_time: M2V,
  sum_over_time: M2V,
  tan: V2V,
  tanh: V2V,
  time: sig([], 'scalar'),
  timestamp: V2V,
  ts_of_first_over_time: M2V,
  ts_of_last_over_time: M2V,
  ts_of_max_over_time: M2V,
  ts_of_min_over_time: M2V,
  vector: sig(['s'], 'vector'),
  year: TIME_FN,
};

export const AGGREGATE_PARAMS: Record<string, Arg> = {
  topk: 's',
  bottomk: 's',
  quantile: 's',
  limitk: 's',
  limit_ratio: 's',
  count_values: 'str',
};
