import type { Diagnostic } from '../core/diagnostic.js';
import { DacError } from '../core/diagnostic.js';
import { parseDuration } from '../core/duration.js';
import { formatBucketList, latencySloHistogram, nearestBoundaries, resolveHistogramTypes, serviceLatencyHistogram } from './histograms.js';
import { resolveClientErrorAlert } from './client-errors.js';
import { checkServiceNames, type PrometheusFloor } from './names.js';
import { builtinProfiles } from './profiles.js';
import { configShapeProblems } from './shape.js';
import type {
  BusinessOperation,
  DacConfig,
  Delivery,
  HistogramType,
  MetricKind,
  MetricProfile,
  Service,
  ServiceConfig,
  SloConfig,
  Thresholds,
} from './types.js';

export const defaultThresholds: Thresholds = {
  latencyP95Seconds: 0.5,
  latencyP99Seconds: 1,
  errorRatioWarning: 0.01,
  errorRatioCritical: 0.05,
  dbP99Seconds: 0.25,
  slowQuerySeconds: 0.1,
  poolUsageRatio: 0.9,
};

const NAME = /^[a-z][a-z0-9-]{0,23}$/;

/**
 * Check a config and fill in defaults. Every problem is collected, so a user fixes them in one go;
 * each names the config file, the service and the field.
 */
export function resolveConfig(config: unknown, file: string): Service[] {
  const problems: Diagnostic[] = [];
  // Every finding says what to do; where a check has no specific advice, it points at the field.
  const at = (path: string[], message: string, hint?: string) =>
    problems.push({
      severity: 'error',
      check: 'config',
      where: { file, path },
      message,
      hint:
        hint ??
        `edit ${path.at(-1) ?? 'the config'} in ${file} so that it ${message
          .replace(/^must be /, 'is ')
          .replace(/^must /, '')
          .replace(/, got .*$/, '')}`,
    });

  if (typeof config !== 'object' || config === null || !Array.isArray((config as DacConfig).services)) {
    at([], 'the config must export default an object with a `services` array', 'export default defineConfig({ services: [ ... ] })');
    throw new DacError(problems);
  }
  const shapeProblems = configShapeProblems(config, file);
  if (shapeProblems.length > 0) throw new DacError(shapeProblems);
  const cfg = config as DacConfig;
  const grafanaOutput = cfg.outputs?.grafana;
  const apiVersion = typeof grafanaOutput === 'object' ? grafanaOutput.apiVersion : undefined;
  if (apiVersion !== undefined && apiVersion !== 'v1beta1' && apiVersion !== 'v2beta1')
    at(
      ['outputs.grafana.apiVersion'],
      `must be 'v1beta1' or 'v2beta1', got ${JSON.stringify(apiVersion)}`,
      "write apiVersion: 'v2beta1' for the v2 layout, or leave it out for v1beta1",
    );
  const floor: PrometheusFloor = cfg.minPrometheusVersion ?? 2;
  if (floor !== 2 && floor !== 3)
    at(
      ['minPrometheusVersion'],
      `must be 2 or 3, got ${JSON.stringify(floor)}`,
      'write 3 if every Prometheus that loads these rules runs 3.0 or newer; leave it out for Prometheus 2.42 and newer',
    );
  if (cfg.services.length === 0) at(['services'], 'no service is defined', 'add at least one service to `services`');
  const seen = new Set<string>();
  const services: Service[] = [];
  cfg.services.forEach((svc: ServiceConfig, i) => {
    const label = `service ${typeof svc?.name === 'string' ? svc.name : `#${i + 1}`}`;
    const before = problems.length;
    const field = (name: string, message: string, hint?: string) => at([label, name], message, hint);
    // A field that must be a list: anything else is reported, and read as an empty list so the
    // checks below still run (a string would otherwise be iterated character by character).
    const listField = <T>(value: unknown, name: string, hint: string): T[] => {
      if (value === undefined) return [];
      if (Array.isArray(value)) return value as T[];
      field(name, `must be a list, got ${JSON.stringify(value)}`, hint);
      return [];
    };
    if (typeof svc !== 'object' || svc === null) {
      at([label], 'must be an object');
      return;
    }
    if (typeof svc.name !== 'string' || !NAME.test(svc.name))
      field(
        'name',
        `"${String(svc.name)}" is not a valid service name`,
        'use 1-24 characters: lower-case letters, digits and dashes, starting with a letter',
      );
    else if (seen.has(svc.name)) field('name', `two services are named "${svc.name}"`, 'service names must be unique');
    else seen.add(svc.name);
    if (typeof svc.title !== 'string' || svc.title.trim() === '')
      field('title', 'is missing', 'give the service a human title, e.g. "Items API"');
    if (typeof svc.selector?.job !== 'string' || svc.selector.job === '')
      field('selector.job', 'is missing', 'set the Prometheus job label of the service, e.g. { job: "fastapi" }');
    for (const [k, v] of Object.entries(svc.selector?.matchers ?? {})) {
      if (typeof v !== 'string') field(`selector.matchers.${k}`, 'must be a string');
      if (k === 'job' || k === 'instance')
        field(
          `selector.matchers.${k}`,
          `"${k}" is set by dac itself`,
          k === 'job' ? 'use selector.job' : 'instance is chosen in the dashboard',
        );
    }
    let profile: MetricProfile | undefined;
    const p = svc.profile ?? 'fastapi-instrumentator';
    if (typeof p === 'string') {
      profile = builtinProfiles[p];
      if (!profile)
        field('profile', `unknown profile "${p}"`, `use one of ${Object.keys(builtinProfiles).join(', ')} or a custom profile object`);
    } else if (
      typeof p === 'object' &&
      p &&
      typeof p.http?.requests === 'string' &&
      typeof p.http?.duration === 'string' &&
      p.http.labels
    ) {
      profile = p;
    } else field('profile', 'a custom profile needs name, http.requests, http.duration, http.labels, metrics and buckets');
    const histogramTypes = profile ? resolveHistogramTypes(svc, profile, field) : {};
    const histograms = profile ? resolveHistograms(svc, profile, histogramTypes, field) : {};
    const thresholds = { ...defaultThresholds, ...(svc.thresholds ?? {}) };
    for (const [k, v] of Object.entries(thresholds)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) field(`thresholds.${k}`, `must be a positive number, got ${String(v)}`);
      else if (/Ratio/.test(k) && v >= 1) field(`thresholds.${k}`, `is a ratio between 0 and 1, got ${v}`, `write 5 % as 0.05`);
    }
    if (thresholds.errorRatioWarning > thresholds.errorRatioCritical)
      field('thresholds.errorRatioWarning', 'is above thresholds.errorRatioCritical', 'the warning level must be the lower one');
    if (thresholds.latencyP95Seconds > thresholds.latencyP99Seconds)
      field('thresholds.latencyP95Seconds', 'is above thresholds.latencyP99Seconds', 'the p95 threshold must not exceed the p99 threshold');
    const sloNames = new Set<string>();
    const slos = listField<SloConfig>(svc.slos, 'slos', 'write slos: [{ name, kind, objective, period }]');
    slos.forEach((slo, j) => {
      const s = `slos[${j}]${typeof slo?.name === 'string' ? ` (${slo.name})` : ''}`;
      if (typeof slo !== 'object' || slo === null)
        return field(s, 'must be an object', 'e.g. { name: "availability", kind: "availability", objective: 99.9, period: "30d" }');
      if (typeof slo?.name !== 'string' || !NAME.test(slo.name)) field(`${s}.name`, 'must be 1-24 lower-case letters, digits and dashes');
      else if (sloNames.has(slo.name)) field(`${s}.name`, `two SLOs of this service are named "${slo.name}"`);
      else sloNames.add(slo.name);
      if (slo.kind !== 'availability' && slo.kind !== 'latency')
        field(`${s}.kind`, `must be "availability" or "latency", got ${JSON.stringify(slo.kind)}`);
      if (typeof slo.objective !== 'number' || !(slo.objective > 0 && slo.objective < 100))
        field(
          `${s}.objective`,
          `must be a percentage strictly between 0 and 100, got ${String(slo.objective)}`,
          'e.g. 99.9 for "three nines"',
        );
      try {
        parseDuration(slo.period);
      } catch {
        field(`${s}.period`, `"${String(slo.period)}" is not a Prometheus duration`, 'e.g. 30d, 28d or 7d');
      }
      if (slo.kind === 'latency' && !(typeof slo.thresholdSeconds === 'number' && slo.thresholdSeconds > 0))
        field(
          `${s}.thresholdSeconds`,
          'a latency SLO needs a positive thresholdSeconds',
          'pick a bucket boundary of the duration histogram, e.g. 0.5',
        );
      else if (slo.kind === 'latency' && profile && !latencySloHistogram({ profile, histograms, histogramTypes }, slo.thresholdSeconds!)) {
        const name = serviceLatencyHistogram({ profile });
        const buckets = histograms[name] ?? [];
        const near = nearestBoundaries(slo.thresholdSeconds!, buckets);
        const fallback = histogramTypes[name] === 'native-or-classic';
        field(
          `${s}.thresholdSeconds`,
          `${slo.thresholdSeconds} s is not a bucket boundary of ${fallback ? 'the classic fallback of ' : ''}${name} (${formatBucketList(buckets)}): no \`le\` bucket counts the requests faster than it, so the SLO would read every request as good whatever its latency`,
          fallback
            ? `use a boundary${near ? `, e.g. ${near}` : ''}; or, once every instance exposes the native histogram, declare it 'native' in histogramTypes, which measures any threshold`
            : `use a boundary${near ? `, e.g. ${near}` : ''}; or, if the service's histogram really has a ${slo.thresholdSeconds} bucket, declare its buckets in \`histograms\``,
        );
      }
    });
    if (svc.runbookBaseUrl !== undefined && !/^https?:\/\//.test(svc.runbookBaseUrl)) field('runbookBaseUrl', 'must be an http(s) URL');
    const operations = listField<BusinessOperation>(
      svc.business?.operations,
      'business.operations',
      'write operations: [{ name, metric, writes }]',
    );
    checkServiceNames({ ...svc, business: svc.business && { ...svc.business, operations } }, profile, floor, field, file);
    if (svc.database !== undefined) {
      const problem = bucketListProblem(svc.database.buckets);
      if (problem)
        field(
          'database.buckets',
          problem,
          'copy the `buckets` the service passes to its query histogram, e.g. [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]',
        );
      else if (!svc.database.buckets.includes(thresholds.slowQuerySeconds)) {
        const near = nearestBoundaries(thresholds.slowQuerySeconds, svc.database.buckets);
        field(
          'thresholds.slowQuerySeconds',
          `${thresholds.slowQuerySeconds} s is not a bucket boundary of ${svc.database.queryDuration} (${formatBucketList(svc.database.buckets)}): the slow-query share would match no bucket and read 0`,
          `use a boundary${near ? `, e.g. ${near}` : ''}`,
        );
      }
    }
    if (svc.grafanaFolder !== undefined && typeof svc.grafanaFolder !== 'string')
      field(
        'grafanaFolder',
        `must be a folder title, got ${JSON.stringify(svc.grafanaFolder)}`,
        'e.g. "Items API", or "Team/Service" for nested folders',
      );
    const tags = listField<string>(svc.tags, 'tags', 'write tags: ["team-a"]');
    if (tags.some((t) => typeof t !== 'string')) field('tags', 'must be a list of strings');
    if (svc.compose !== undefined) {
      const c = svc.compose;
      if (!(Number.isInteger(c?.port) && c.port > 0 && c.port < 65536))
        field('compose.port', `must be the port the service listens on (1-65535), got ${JSON.stringify(c?.port)}`);
      if (typeof c?.build !== 'string' && typeof c?.image !== 'string')
        field('compose', 'needs build (a folder with a Dockerfile) or image', 'e.g. compose: { build: "examples/items-api", port: 8000 }');
    }
    const clientErrorAlert = resolveClientErrorAlert(svc.clientErrorAlert, field);
    if (problems.length > before || !profile) return;
    const metrics: Record<string, MetricKind> = { up: 'gauge', ...profile.metrics };
    for (const op of svc.business?.operations ?? []) metrics[op.metric] = 'counter';
    if (svc.business?.info) metrics[svc.business.info.metric] = 'info';
    const db = svc.database;
    if (db) {
      for (const suffix of ['_bucket', '_sum', '_count']) metrics[db.queryDuration + suffix] = 'counter';
      metrics[db.queryDuration] = 'histogram';
      if (db.poolSize) metrics[db.poolSize] = 'gauge';
      if (db.poolInUse) metrics[db.poolInUse] = 'gauge';
    }
    services.push({
      name: svc.name,
      title: svc.title,
      selector: { job: svc.selector.job, matchers: { ...(svc.selector.matchers ?? {}) } },
      profile,
      thresholds,
      histograms: { ...histograms, ...(db ? { [db.queryDuration]: [...db.buckets] } : {}) },
      ...(Object.keys(histogramTypes).length > 0 ? { histogramTypes } : {}),
      ...(svc.targetLabels ? { targetLabels: [...svc.targetLabels] } : {}),
      slos: slos.map((s) => ({ ...s })),
      ...(svc.business ? { business: svc.business } : {}),
      ...(svc.database ? { database: svc.database } : {}),
      runbookBaseUrl: (svc.runbookBaseUrl ?? 'https://runbooks.example.com').replace(/\/+$/, ''),
      grafanaFolder: svc.grafanaFolder ?? svc.title,
      expectTraffic: svc.expectTraffic ?? true,
      ...(clientErrorAlert ? { clientErrorAlert } : {}),
      tags: [...tags],
      grafanaUrl: (cfg.grafanaUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
      metrics,
      ...(svc.compose ? { compose: svc.compose } : {}),
      configFile: file,
    });
  });
  if (problems.length > 0) throw new DacError(problems);
  return services;
}

/** Why a list of bucket boundaries cannot be a histogram's, or undefined when it can. */
function bucketListProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return `must be a non-empty list of bucket boundaries, got ${JSON.stringify(value)}`;
  if (value.some((b) => b === Infinity)) return 'lists +Inf, which every histogram has: leave it out';
  if (!value.every((b) => typeof b === 'number' && Number.isFinite(b)))
    return `must hold numbers of seconds only, got ${JSON.stringify(value)}`;
  if (!value.every((b: number, i) => i === 0 || b > (value[i - 1] as number)))
    return `must be strictly ascending, as the \`le\` values are, got ${JSON.stringify(value)}`;
  return undefined;
}

/**
 * The buckets of every histogram of the profile: its declared defaults, replaced by the service's
 * `histograms` where its instrumentation differs. A histogram without known buckets is an error:
 * dac cannot tell which thresholds its rules can see.
 */
function resolveHistograms(
  svc: ServiceConfig,
  profile: MetricProfile,
  types: Record<string, HistogramType>,
  field: (name: string, message: string, hint?: string) => void,
): Record<string, number[]> {
  const names = Object.entries(profile.metrics ?? {})
    .filter(([, kind]) => kind === 'histogram')
    .map(([name]) => name);
  const out: Record<string, number[]> = {};
  const overrides = svc.histograms ?? {};
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    field(
      'histograms',
      'must map histogram names to their bucket boundaries',
      'e.g. { http_request_duration_seconds: [0.1, 0.25, 0.5, 1] }',
    );
    return out;
  }
  for (const [name, buckets] of Object.entries(overrides)) {
    if (!names.includes(name)) {
      field(
        `histograms.${name}`,
        `the ${profile.name} profile has no histogram "${name}"`,
        names.length > 0 ? `use one of ${names.join(', ')}; the database histogram's buckets go in database.buckets` : undefined,
      );
      continue;
    }
    const problem = bucketListProblem(buckets);
    if (problem) field(`histograms.${name}`, problem);
    else out[name] = [...buckets];
  }
  for (const name of names) {
    // A native-only histogram has no `le` boundaries to declare: nothing reads them.
    if (out[name] || overrides[name] || types[name] === 'native') continue;
    const declared = profile.buckets?.[name];
    if (declared && !bucketListProblem(declared)) out[name] = [...declared];
    else
      field(
        'profile',
        `the ${profile.name} profile declares no bucket boundaries for the histogram ${name}`,
        `add buckets: { ${name}: [...] } to the profile, as the library exports them, or declare them in the service's histograms`,
      );
  }
  return out;
}

/** Delivery options with defaults that match kube-prometheus-stack and the generated compose file. */
export function resolveDelivery(config: unknown): Delivery {
  const d = (config as DacConfig | undefined)?.delivery ?? {};
  return {
    prometheusUrl: d.prometheusUrl ?? 'http://prometheus:9090',
    kubernetes: {
      namespace: d.kubernetes?.namespace ?? 'monitoring',
      ruleLabels: { ...(d.kubernetes?.ruleLabels ?? { release: 'kube-prometheus-stack' }) },
      dashboardLabel: d.kubernetes?.dashboardLabel ?? { name: 'grafana_dashboard', value: '1' },
      folderAnnotation: d.kubernetes?.folderAnnotation ?? 'grafana_folder',
    },
    rulers: { sourceTenants: [...(d.rulers?.sourceTenants ?? [])] },
  };
}
