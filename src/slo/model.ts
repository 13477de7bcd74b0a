/**
 * The SLO model every source converges on: `dac.config.ts` SLOs, Sloth and OpenSLO specs. An SLI
 * is always a ratio of an error rate to a total rate over a window; availability and latency SLIs
 * are ratio SLIs built from the service's metric profile.
 */
import type { PromtoolSeries } from '../rules/model.js';

/** PromQL for a rate over `window` (e.g. `5m`), aggregated to a single series. */
export type WindowQuery = (window: string) => string;

export interface RatioSli {
  /** Rate of bad events: server errors, requests slower than the threshold. */
  errors: WindowQuery;
  /** Rate of all events. */
  total: WindowQuery;
}

/**
 * Inputs for promtool tests: series whose counters grow by `good` and `bad` events per minute,
 * one sample a minute. Present when dac knows which metrics the SLI reads.
 */
export type SliFixture = (segments: readonly TrafficSegment[], options?: FixtureOptions) => PromtoolSeries[];

export interface FixtureOptions {
  /** The scrape target the series come from, when a test runs several. */
  instance?: string;
  /** Extra labels on every request series, e.g. the handler of one group of a grouped SLI. */
  labels?: Record<string, string>;
}

export interface TrafficSegment {
  minutes: number;
  good: number;
  bad: number;
  /**
   * The process is dead for the segment, and its series behave as they do in Prometheus: the
   * counters go stale and vanish, `up` is 0 while the target is still listed (`refused`, a static
   * target) or vanishes too (`gone`, a deleted pod). The next segment is a new process whose
   * counters start again from 0.
   */
  down?: 'refused' | 'gone';
}

export type Budgeted = 'page' | 'ticket';

/** One multiwindow tier: alert when `budgetFraction` of the budget burns within `long`. */
export interface BurnTier {
  severity: Budgeted;
  /** Share of the period's budget, at periods of 28 days or more. */
  budgetFraction: number;
  long: string;
  short: string;
  /**
   * Below 28 days, raise `budgetFraction` in proportion so the tier keeps the burn-rate factor it
   * has at 28 days, as the default tiers do; without it the fraction is taken as written.
   */
  keepFactorOnShortPeriods?: boolean;
}

export interface Slo {
  /** Service name: the `service` label of every series. */
  service: string;
  /**
   * The service's Prometheus job, when dac knows it: recorded SLO series carry it, so dashboards
   * filter them by the job variable like every other series.
   */
  job?: string;
  /** Human title used in annotations. */
  serviceTitle: string;
  name: string;
  kind: 'availability' | 'latency' | 'ratio';
  /** Percentage in (0, 100). */
  objective: number;
  period: string;
  description?: string;
  sli: RatioSli;
  /** Below this request rate (req/s, long window) the SLO alerts stay quiet. */
  minRequestRate?: number;
  tiers: BurnTier[];
  alerting: {
    /** Alert name shared by the page and the ticket alert. */
    name: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    page: boolean;
    ticket: boolean;
    /** Labels and annotations of only the page or only the ticket alert. */
    bySeverity?: Partial<Record<Budgeted, { labels?: Record<string, string>; annotations?: Record<string, string> }>>;
    /**
     * The `severity` label of the page or the ticket alert when the spec sets its own (Sloth's
     * `page_alert.labels.severity: critical`), in place of dac's `page` / `ticket`.
     */
    severity?: Partial<Record<Budgeted, string>>;
    /** A label that always holds the tier, `page` or `ticket`, whatever `severity` says: Sloth's `sloth_severity`. */
    tierLabel?: string;
  };
  /** Extra labels of the `slo:metadata:info` series only (Sloth's info_labels plugin). */
  infoLabels?: Record<string, string>;
  runbookUrl: string;
  dashboardUrl?: string;
  fixture?: SliFixture;
  /**
   * Labels on every series the SLO records, and so on every alert: Sloth's spec and SLO `labels`
   * (owner, tier, …).
   */
  labels?: Record<string, string>;
  /**
   * Labels the SLI is grouped by (`sum by (handler) (…)`): every recorded series, budget and
   * alert is per group, so one failing group pages however busy the others are.
   */
  groupBy?: string[];
  /**
   * Count the time the service cannot answer at all as failed requests: `up` names the series of
   * its scrape targets (`up{job="fastapi"}`). Only for ungrouped SLIs.
   */
  downtime?: { up: string };
  /** Where the SLO was declared, for diagnostics: `dac.config.ts` or `rules/slo/x.yml`. */
  source: string;
  /** Object path to the SLO inside `source`. */
  path: string[];
}
