const sloSeries = {
  errors: (window) => `slo:errors:rate${window}`,
  requests: (window) => `slo:requests:rate${window}`,
  errorRatio: (window) => `slo:error_ratio:rate${window}`,
  burnRate: (window) => `slo:burn_rate:rate${window}`,
  /** Over the whole SLO period, whatever its length: one name for every SLO. */
  periodErrors: "slo:errors:rate_period",
  periodRequests: "slo:requests:rate_period",
  periodErrorRatio: "slo:error_ratio:rate_period",
  /** The request rate the service had while it answered, kept unchanged while it cannot. */
  baseline: "slo:requests:baseline",
  /** Requests a second nobody answers: the baseline while every target is down or gone, else 0. */
  unanswered: "slo:requests_unanswered:rate",
  budgetRemaining: "slo:error_budget_remaining:ratio",
  objective: "slo:objective:ratio",
  errorBudget: "slo:error_budget:ratio",
  info: "slo:metadata:info"
};
export {
  sloSeries
};
