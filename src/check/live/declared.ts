/**
 * The bucket boundaries a service declares for its histograms, and where the user writes them:
 * a per-service override in `histograms`, the database histogram's `database.buckets`, or the
 * profile's defaults (which the user overrides in `histograms`).
 */
import type { MetricKind, Service } from '../../config/types.js';
import type { LiveInventory, LiveSeries, LiveType } from './inventory.js';

export interface DeclaredHistogram {
  buckets: readonly number[];
  /** The config field a fix goes into, e.g. `histograms.http_request_duration_seconds`. */
  field: string;
}

export function declaredHistograms(service: Service): Map<string, DeclaredHistogram> {
  const out = new Map<string, DeclaredHistogram>();
  for (const [name, buckets] of Object.entries(service.histograms)) {
    const field = service.database?.queryDuration === name ? 'database.buckets' : `histograms.${name}`;
    out.set(name, { buckets: [...buckets].sort((a, b) => a - b), field });
  }
  return out;
}

/**
 * What the config says a service exports, as an inventory the live checks can judge definitions
 * on: the label names its profile declares for each metric (`labelNames`), the database
 * histogram's operation label, the info metric's labels, and on every series the labels the
 * scrape adds. A metric whose labels nobody declared is left out, so nothing is said about it.
 */
export interface DeclaredInventory {
  inventory: LiveInventory;
  /** Names the service exports whose labels are not declared. */
  undeclared: Set<string>;
  /** `labelNames` entries that are not lists of label names, located for the config. */
  problems: { field: string; message: string }[];
}

const LIVE_TYPE: Record<MetricKind, LiveType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  info: 'info',
  summary: 'summary',
};

export function declaredInventory(service: Service): DeclaredInventory {
  const series = new Map<string, LiveSeries>();
  const problems: DeclaredInventory['problems'] = [];
  const add = (name: string, kind: MetricKind | undefined, labels: readonly string[]) => {
    const type = kind ? LIVE_TYPE[kind] : 'unknown';
    const put = (n: string, extra: readonly string[] = []) => series.set(n, { family: name, type, labels: new Set([...labels, ...extra]) });
    // A profile may list a histogram's `_bucket` on its own: its series carry `le` all the same.
    put(name, kind === 'summary' ? ['quantile'] : name.endsWith('_bucket') ? ['le'] : []);
    if (kind === 'histogram') put(`${name}_bucket`, ['le']);
    if (kind === 'histogram' || kind === 'summary') for (const s of ['_sum', '_count']) put(`${name}${s}`);
  };

  const declared: unknown = service.profile.labelNames;
  if (declared !== undefined && (typeof declared !== 'object' || declared === null || Array.isArray(declared))) {
    problems.push({ field: 'profile.labelNames', message: 'must map metric names to lists of label names' });
  } else if (declared) {
    for (const [metric, labels] of Object.entries(declared as Record<string, unknown>)) {
      // Whether a name is one the configured Prometheus reads is config/names.ts's check.
      if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || l === '')) {
        problems.push({
          field: `profile.labelNames.${metric}`,
          message: `must be a list of label names such as ['handler', 'method'], got ${JSON.stringify(labels)}`,
        });
        continue;
      }
      add(metric, (service.profile.metrics as Record<string, MetricKind> | undefined)?.[metric], labels as string[]);
    }
  }
  const db = service.database;
  if (db?.operationLabel) add(db.queryDuration, 'histogram', [db.operationLabel]);
  const info = service.business?.info;
  if (info && Array.isArray(info.labels)) add(info.metric, 'info', info.labels);

  const undeclared = new Set(Object.keys(service.metrics).filter((m) => !series.has(m)));
  const targetLabels = new Set(['job', 'instance', ...Object.keys(service.selector.matchers), ...(service.targetLabels ?? [])]);
  return {
    inventory: { source: `service ${service.name} (profile ${service.profile.name})`, targetLabels, series },
    undeclared,
    problems,
  };
}

/**
 * One inventory for definitions that name no service (an imported SLO spec's rules): a series is
 * in it only when every service exporting that name declares its labels, with their union.
 */
export function mergedInventory(parts: readonly DeclaredInventory[]): LiveInventory {
  const undeclared = new Set(parts.flatMap((p) => [...p.undeclared]));
  const series = new Map<string, LiveSeries>();
  for (const p of parts)
    for (const [name, s] of p.inventory.series) {
      if (undeclared.has(name)) continue;
      const have = series.get(name);
      if (have) for (const l of s.labels) have.labels.add(l);
      else series.set(name, { ...s, labels: new Set(s.labels) });
    }
  return {
    source: 'the services of this project',
    targetLabels: new Set(parts.flatMap((p) => [...p.inventory.targetLabels])),
    series,
  };
}
