/**
 * End-to-end proof on the real service: what `dac build` emits for the Items API, loaded into a
 * real Prometheus scraping the real app on PostgreSQL, with a real Alertmanager behind it.
 *
 * One stack, in phases: healthy warm-up → healthy checks (rules load and evaluate, every dashboard
 * query returns data, recording rules carry the labels their readers select on, no alert pending or
 * firing) → 100 % errors on /items → 3 s latency → slow database → app stopped. Each fault phase
 * starts from a healthy baseline: the suite waits, within a bound, until the previous fault's
 * alerts have resolved. In each fault phase every alert that depends on the series that fault
 * moves must become true in Prometheus' own rule evaluation: "pending" at least, and "firing" where
 * its `for` is 1m or less, which the suite waits out for real; ServiceDown's notification must
 * reach the receiver the generated routing picks. Long `for` alerts (5m, 10m) are proven by their
 * pending state, i.e. by Prometheus finding their expression true, not by waiting the full
 * duration (the generated promtool tests prove the `for`).
 *
 * Run: npx vitest run test/e2e/items-api-proof.test.ts   (DAC_E2E_KEEP=1 keeps logs and configs)
 * It runs on Prometheus 3 and Alertmanager 0.3x; DAC_E2E_PROMETHEUS=2 runs it on Debian's Prometheus
 * 2.42 and Alertmanager 0.25 instead.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  alertKey,
  alertsUnderTest,
  FAULT_ORDER,
  isFrom,
  recordingRules,
  selectorsOf,
  type AlertUnderTest,
  type Fault,
} from './alert-faults.js';
import { buildInto, type BuildOutput } from './build-output.js';
import { describeRun, runDashboardQueries, type QueryRun } from './dashboard-queries.js';
import { parseDuration } from '../../src/deliver/preview/grafana/time.js';
import { elapsedSince, say } from '../../tools/stack/log.js';
import {
  APP_JOB,
  stackBinaries,
  stackGeneration,
  startStack,
  type FaultSpec,
  type PromAlert,
  type Stack,
  type TrafficOptions,
} from '../../tools/stack/index.js';
import { sleep, waitUntil } from '../../tools/stack/wait.js';

const SCRAPE_MS = 1_000;
const WARM_UP_MS = 25_000;
const DATASOURCE_UID = 'prometheus';
const STEADY_TRAFFIC: TrafficOptions = { rps: 20, workers: 8 };
// Slow requests hold a client each: enough clients that the request rate holds up under the fault
// (3 s × 20 req/s is 60 requests in flight).
const SLOW_TRAFFIC: TrafficOptions = { rps: 20, workers: 64 };
const SLOW_DB_TRAFFIC: TrafficOptions = { rps: 20, workers: 32 };
/**
 * The alerts read 5-minute windows: a fault leaves them true for up to 5 minutes after it is
 * cleared, and a loaded machine evaluates late. Beyond this bound the next phase fails.
 */
const SETTLE_TIMEOUT_MS = 9 * 60_000;
/**
 * SLO tiers whose short window is longer than this (30m, 2h, 6h) keep a burst of errors for that
 * long: no run waits them out, so they may stay active into the next phases, which never expect them.
 */
const SETTLING_WINDOW_MS = 5 * 60_000;
/** A fault phase: the baseline, then up to 150 s for its alerts, then the checks. */
const PHASE_TIMEOUT_MS = SETTLE_TIMEOUT_MS + 240_000;

/** What each phase switches on in the app. `stop` stops the process instead. */
const FAULTS: Record<Exclude<Fault, 'stop'>, { spec: FaultSpec; traffic: TrafficOptions; what: string }> = {
  errors: { spec: { error_ratio: { '/items': 1.0 } }, traffic: STEADY_TRAFFIC, what: 'every request to /items answers 500' },
  latency: { spec: { latency_seconds: 3 }, traffic: SLOW_TRAFFIC, what: 'every item request takes 3 s more' },
  database: { spec: { db_latency_seconds: 0.3 }, traffic: SLOW_DB_TRAFFIC, what: 'every database call takes 0.3 s more' },
};

type Phase = 'healthy' | Fault;

interface Sighting {
  phase: Phase;
  state: string;
  atMs: number;
  /** When Prometheus found the expression true (the start of pending). */
  activeAtMs: number;
}

let build: BuildOutput;
let stack: Stack;
let alerts: AlertUnderTest[];
let failed = false;
let phase: Phase = 'healthy';
const phaseStarted = new Map<Phase, number>();
/** When each fault was switched on (after the baseline wait), and how long the baseline took. */
const injectedAt = new Map<Fault, number>();
const settledIn = new Map<Fault, number>();
/** Alerts still active when each fault was injected: SLO tiers with long short windows only. */
const activeAtInjection = new Map<Fault, PromAlert[]>();
/** Every state each rule was seen in, per phase: the record the healthy and coverage checks read. */
const sightings = new Map<string, Sighting[]>();
let watcher: NodeJS.Timeout | undefined;
/** Dashboard queries that had no data under healthy traffic, and the phase that gave them data. */
const deferred = new Map<string, { run: QueryRun; satisfiedIn?: Phase }>();
const suiteStart = Date.now();

const queryContext = () => ({ nowMs: Date.now(), scrapeIntervalMs: SCRAPE_MS, datasourceUid: DATASOURCE_UID });

function enterPhase(next: Phase): void {
  phase = next;
  phaseStarted.set(next, Date.now());
  say(`phase ${next} at +${elapsedSince(suiteStart)}`);
}

async function recordAlerts(): Promise<PromAlert[]> {
  const live = await stack.prometheus.alerts();
  for (const a of live) {
    const key = alertKey({ labels: a.labels });
    const list = sightings.get(key) ?? [];
    if (!list.some((s) => s.phase === phase && s.state === a.state))
      list.push({ phase, state: a.state, atMs: Date.now(), activeAtMs: Date.parse(a.activeAt) });
    sightings.set(key, list);
  }
  return live;
}

/** Alerts of the given rules not yet in the wanted state; the rest of `live` is ignored. */
function missing(
  rules: readonly AlertUnderTest[],
  live: readonly PromAlert[],
  wantFiring: (r: AlertUnderTest) => boolean,
): AlertUnderTest[] {
  return rules.filter((r) => {
    const states = live.filter((a) => isFrom(r, a)).map((a) => a.state);
    return wantFiring(r) ? !states.includes('firing') : states.length === 0;
  });
}

async function runAllDashboards(): Promise<QueryRun[]> {
  const runs: QueryRun[] = [];
  for (const dashboard of build.dashboards) runs.push(...(await runDashboardQueries(stack.prometheus, dashboard, queryContext())));
  return runs;
}

/** Re-runs the queries still without data; those that now return some are marked with the phase. */
async function retryDeferred(): Promise<void> {
  const open = [...deferred.values()].filter((d) => !d.satisfiedIn);
  if (open.length === 0) return;
  const runs = await runAllDashboards();
  for (const run of runs) {
    const entry = deferred.get(describeRun(run));
    if (entry && !entry.satisfiedIn && !run.error && run.seriesWithData > 0) entry.satisfiedIn = phase;
  }
}

async function expectRulesHealthy(): Promise<void> {
  const groups = await stack.prometheus.ruleGroups();
  const broken = groups.flatMap((g) =>
    g.rules
      .filter((r) => r.health !== 'ok' || r.lastError)
      .map((r) => `${g.file} › ${g.name} › ${r.name}: health ${r.health} ${r.lastError ?? ''}\n  ${r.query}`),
  );
  expect(broken, `rules failing to evaluate in phase ${phase}`).toEqual([]);
}

function settlesBetweenPhases(a: PromAlert): boolean {
  const window = a.labels['short_window'];
  return window === undefined || parseDuration(window) <= SETTLING_WINDOW_MS;
}

const describeLive = (a: PromAlert) => `${alertKey({ labels: a.labels })} ${a.state} since ${a.activeAt}`;

/**
 * Waits until no alert is pending or firing, so that the fault about to be injected is what makes
 * its alerts true, not what the previous one left behind.
 */
async function awaitHealthyBaseline(next: Fault): Promise<PromAlert[]> {
  const start = Date.now();
  let live: PromAlert[] = [];
  try {
    await waitUntil(
      `no alert active before the ${next} fault`,
      async () => (live = await recordAlerts()).filter(settlesBetweenPhases).length === 0,
      { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 2_000 },
    );
  } catch {
    expect(
      live.filter(settlesBetweenPhases).map(describeLive),
      `alerts still active ${SETTLE_TIMEOUT_MS / 1000}s into the healthy baseline before the ${next} fault`,
    ).toEqual([]);
  }
  settledIn.set(next, Date.now() - start);
  activeAtInjection.set(next, live);
  const lingering = live.map(describeLive);
  say(
    `baseline before ${next}: no alert active after ${elapsedSince(start)}${lingering.length ? `, except SLO tiers with long short windows: ${lingering.join('; ')}` : ''}`,
  );
  return live;
}

/** Injects one fault and waits until every alert that depends on it is true (firing when `for` ≤ 1m). */
async function proveFault(fault: Fault, timeoutMs: number, inject: () => Promise<void>): Promise<AlertUnderTest[]> {
  // An alert moved by several faults is proven by the first one injected.
  const expected = alerts.filter((a) => a.faults[0] === fault);
  expect(expected.length, `no alert of the build depends on the "${fault}" fault`).toBeGreaterThan(0);

  await awaitHealthyBaseline(fault);
  const before = await recordAlerts();
  const alreadyActive = expected.filter((r) => before.some((a) => isFrom(r, a)));
  expect(alreadyActive.map(alertKey), `active before the ${fault} fault was injected, so the fault cannot be what triggers them`).toEqual(
    [],
  );

  enterPhase(fault);
  injectedAt.set(fault, Date.now());
  await inject();
  let live: PromAlert[] = [];
  const waitFiring = (r: AlertUnderTest) => r.forMs <= 60_000;
  try {
    await waitUntil(
      `alerts true under the ${fault} fault`,
      async () => missing(expected, (live = await recordAlerts()), waitFiring).length === 0,
      {
        timeoutMs,
        intervalMs: 1_000,
      },
    );
  } catch {
    const lacking = missing(expected, live, waitFiring).map(
      (r) => `${alertKey(r)} (${r.file}, for ${r.forMs / 1000}s, wanted ${waitFiring(r) ? 'firing' : 'pending'}): ${r.expr}`,
    );
    expect(lacking, `alerts not true after ${timeoutMs / 1000}s of the ${fault} fault`).toEqual([]);
  }
  say(
    `${fault}: ${expected.map((r) => `${alertKey(r)} ${live.find((a) => isFrom(r, a))?.state}`).join(', ')} after ${elapsedSince(phaseStarted.get(fault)!)}`,
  );
  return expected;
}

async function amtoolReceivers(labels: Record<string, string>): Promise<string[]> {
  const args = [
    'config',
    'routes',
    'test',
    `--config.file=${stack.alertmanager.configFile}`,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  ];
  const { stdout } = await promisify(execFile)(stackBinaries().amtool, args, { timeout: 30_000 });
  return stdout
    .trim()
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
}

function printSummary(): void {
  const lines = [`e2e proof: ${elapsedSince(suiteStart)} in all`];
  for (const [p, t] of phaseStarted) lines.push(`  phase ${p.padEnd(8)} from +${((t - suiteStart) / 1000).toFixed(0)}s`);
  for (const [f, ms] of settledIn) lines.push(`  baseline before ${f.padEnd(8)} reached in ${(ms / 1000).toFixed(0)}s`);
  lines.push('  alerts: phase in which each rule was first seen pending / firing; per fault phase, when its expression');
  lines.push('  became true (Prometheus activeAt) and when it fired (activeAt + for), in seconds after the fault:');
  for (const a of alerts ?? []) {
    const seen = sightings.get(alertKey(a)) ?? [];
    const first = (state: string) => seen.find((s) => s.state === state)?.phase ?? '-';
    const timings = a.faults.flatMap((f) => {
      const t0 = injectedAt.get(f);
      const inPhase = seen.filter((x) => x.phase === f && x.activeAtMs >= (t0 ?? Infinity));
      if (t0 === undefined || inPhase.length === 0) return [];
      const trueAt = Math.min(...inPhase.map((x) => x.activeAtMs));
      const fired = inPhase.some((x) => x.state === 'firing') ? ` firing +${((trueAt + a.forMs - t0) / 1000).toFixed(0)}s` : '';
      return [`${f}: true +${((trueAt - t0) / 1000).toFixed(0)}s${fired}`];
    });
    const note = a.faults.length === 0 ? '  (no injected fault moves its series: not exercised)' : '';
    lines.push(
      `    ${alertKey(a).padEnd(64)} fault ${(a.faults.join('+') || '-').padEnd(9)} pending ${first('pending').padEnd(8)} firing ${first('firing').padEnd(8)} ${timings.join('; ')}${note}`,
    );
  }
  const late = [...deferred.values()];
  if (late.length > 0) {
    lines.push('  dashboard queries empty under healthy traffic, and the phase that gave them data:');
    for (const d of late) lines.push(`    ${d.satisfiedIn ?? 'NEVER'}: ${describeRun(d.run)}`);
  }
  say(lines.join('\n'));
}

beforeAll(async () => {
  const start = Date.now();
  build = await buildInto();
  say(
    `build emitted ${build.ruleFiles.length} rule files and ${build.dashboards.length} dashboards into ${build.dir} in ${elapsedSince(start)}`,
  );
  alerts = alertsUnderTest(build.ruleFiles, parseDuration);
  stack = await startStack({
    alertmanagerConfig: build.alertmanagerConfig,
    ruleFiles: build.ruleFiles.map((f) => f.file),
    scrapeInterval: `${SCRAPE_MS / 1000}s`,
    evaluationInterval: '1s',
    routeTiming: { group_wait: '1s', group_interval: '2s', repeat_interval: '1h' },
    traffic: STEADY_TRAFFIC,
    // Four 5-minute baselines, the faults and the 5½ minutes of the stopped app fit in 40 minutes.
    maxLifetimeSec: 2_400,
  });
  enterPhase('healthy');
  watcher = setInterval(() => void recordAlerts().catch(() => undefined), 2_000);
}, 600_000);

beforeEach((ctx) => {
  ctx.onTestFailed(() => {
    failed = true;
  });
});

afterAll(async () => {
  if (watcher) clearInterval(watcher);
  printSummary();
  if (failed && stack) process.stderr.write(`${stack.logTails()}\n`);
  const keep = failed || process.env['DAC_E2E_KEEP'] === '1';
  await stack?.stop({ keepRunDir: keep });
  if (build && !keep) fs.rmSync(build.dir, { recursive: true, force: true });
  else if (build) say(`build output kept in ${build.dir}`);
}, 120_000);

describe('the Items API under the generated dashboards and alerts', () => {
  it('runs on the Prometheus and Alertmanager generation asked for (3 unless DAC_E2E_PROMETHEUS=2)', async () => {
    const generation = stackGeneration();
    const prometheus = await stack.prometheus.api<{ version: string }>('status/buildinfo');
    expect(prometheus.version).toMatch(generation === 3 ? /^3\./ : /^2\.42\./);
    const res = await fetch(`${stack.alertmanager.url}/api/v2/status`);
    const alertmanager = (await res.json()) as { versionInfo: { version: string } };
    expect(alertmanager.versionInfo.version).toMatch(generation === 3 ? /^0\.3\d\./ : /^0\.25\./);
  });

  it('has alerts for every fault the suite injects', () => {
    for (const fault of FAULT_ORDER) expect(alerts.filter((a) => a.faults.includes(fault)).map(alertKey), fault).not.toEqual([]);
  });

  it('warms up: Prometheus scrapes the app under traffic and evaluates every rule file of the build', async () => {
    await stack.prometheus.waitFor(`up{job="${APP_JOB}"} == 1`, (s) => s.length > 0, 30_000);
    await stack.prometheus.waitFor(`sum(increase(http_requests_total{job="${APP_JOB}"}[10s])) > 0`, (s) => s.length > 0, 60_000);
    await sleep(Math.max(0, WARM_UP_MS - (Date.now() - phaseStarted.get('healthy')!)));

    const groups = await stack.prometheus.ruleGroups();
    const loaded = [...new Set(groups.map((g) => g.file))].sort();
    expect(loaded).toEqual(build.ruleFiles.map((f) => f.file).sort());
    for (const file of build.ruleFiles) {
      const want = file.groups.flatMap((g) => g.rules.map((r) => `${g.name} › ${r.record ?? r.alert}`));
      const got = groups.filter((g) => g.file === file.file).flatMap((g) => g.rules.map((r) => `${g.name} › ${r.name}`));
      expect(got, file.outPath).toEqual(want);
    }
    // Several evaluation cycles have run: every group has been evaluated since the app had traffic.
    expect(groups.filter((g) => Date.parse(g.lastEvaluation) < phaseStarted.get('healthy')!).map((g) => g.name)).toEqual([]);
    await expectRulesHealthy();
  }, 120_000);

  it('shows data in every panel of every dashboard under healthy traffic', async () => {
    expect(build.dashboards.length).toBeGreaterThan(0);
    const runs = await runAllDashboards();
    const errors = runs.filter((r) => r.error).map((r) => `${describeRun(r)}\n    → ${r.error}`);
    expect(errors, 'dashboard queries Prometheus rejected').toEqual([]);
    for (const run of runs.filter((r) => r.seriesWithData === 0)) deferred.set(describeRun(run), { run });
    fs.writeFileSync(path.join(build.dir, 'dashboard-queries.json'), `${JSON.stringify(runs, null, 2)}\n`);
    say(
      `${runs.length} dashboard queries over ${build.dashboards.length} dashboards; ${deferred.size} empty while healthy, retried under faults`,
    );
    // Under healthy traffic most panels must draw something; the rest get their turn in the fault phases.
    expect(runs.length - deferred.size).toBeGreaterThan(runs.length / 2);
  }, 120_000);

  it('records every recording rule, with the labels its dashboards and alerts select on', async () => {
    const prom = stack.prometheus;
    const recorded = recordingRules(build.ruleFiles);
    const silent: string[] = [];
    for (const [name, rules] of recorded) {
      for (const rule of rules) {
        const selector = `${name}{${Object.entries(rule.labels ?? {})
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}}`;
        if ((await prom.query(selector)).length === 0) silent.push(`${selector} = ${rule.expr}`);
      }
    }
    expect(silent, 'recording rules without a series').toEqual([]);

    // Every recorded series a reader selects must exist as written, after Grafana's substitution.
    const readers: Array<{ who: string; expr: string; dashboard?: string }> = [
      ...alerts.map((a) => ({ who: `alert ${alertKey(a)} (${a.file})`, expr: a.expr })),
      ...(await runAllDashboards()).map((r) => ({ who: describeRun(r), expr: r.expr, dashboard: r.dashboard })),
    ];
    const unread: string[] = [];
    let checked = 0;
    const key = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort());
    /** Per dashboard, recorded metric and service: the series its panels show, all panels together. */
    const shownBy = new Map<string, { dashboard: string; metric: string; service: string; shown: Set<string> }>();
    for (const { who, expr, dashboard } of readers) {
      for (const sel of selectorsOf(expr).filter((s) => s.metric && recorded.has(s.metric))) {
        checked++;
        const got = await prom.query(sel.text);
        if (got.length === 0) unread.push(`${who}: ${sel.text} selects nothing`);
        const service = sel.matchers.find((m) => m.label === 'service' && m.op === '=')?.value;
        if (service && dashboard) {
          const id = `${dashboard} › ${sel.metric} › ${service}`;
          const entry = shownBy.get(id) ?? { dashboard, metric: sel.metric!, service, shown: new Set<string>() };
          for (const s of got) entry.shown.add(key(s.metric));
          shownBy.set(id, entry);
        }
      }
    }
    // A dashboard of a service shows every SLO recorded for it, imported ones included: in one
    // panel or, like the burn-rate panels, in one panel per SLO.
    const excluded: string[] = [];
    for (const { dashboard, metric, service, shown } of shownBy.values()) {
      for (const s of await prom.query(`${metric}{service=${JSON.stringify(service)}}`))
        if (!shown.has(key(s.metric))) excluded.push(`${dashboard}: no panel shows ${metric}${key(s.metric)}`);
    }
    say(
      `${[...recorded.values()].flat().length} recording rules recorded; ${checked} reads of recorded series by alerts and panels checked`,
    );
    expect(unread, 'recorded series a dashboard or alert reads but that do not exist').toEqual([]);
    expect(excluded, 'recorded series of the service that no panel of its dashboard shows').toEqual([]);
  }, 180_000);

  it('has no alert pending or firing under healthy traffic, from the first rule evaluation on', async () => {
    const live = await recordAlerts();
    const activeWhileHealthy = [...sightings]
      .filter(([, seen]) => seen.some((s) => s.phase === 'healthy'))
      .map(([k, seen]) => `${k} ${seen.map((s) => s.state).join('/')}`);
    expect(activeWhileHealthy, 'alerts pending or firing during the healthy phase').toEqual([]);
    expect(live.map(describeLive), 'alerts active at the end of the healthy phase').toEqual([]);
    // Prometheus' own record, every evaluation since the rules were loaded: not one pending or
    // firing sample (MetricsAbsent included, which a scrape before the first request would trip).
    const active = await stack.prometheus.queryRange('ALERTS', suiteStart / 1000, Date.now() / 1000, 1);
    expect(
      active.resultType === 'matrix'
        ? active.result.map((s) => `${alertKey({ labels: s.metric })} ${s.metric['alertstate']}`)
        : [active.resultType],
    ).toEqual([]);
  }, 60_000);

  it(
    `makes every error alert true when ${FAULTS.errors.what}`,
    async () => {
      try {
        await proveFault('errors', 150_000, () => stack.setFaults(FAULTS.errors.spec));
        await retryDeferred();
        await expectRulesHealthy();
      } finally {
        await stack.clearFaults();
      }
    },
    PHASE_TIMEOUT_MS,
  );

  it(
    `makes every latency alert true when ${FAULTS.latency.what}`,
    async () => {
      try {
        await proveFault('latency', 150_000, async () => {
          await stack.restartTraffic(FAULTS.latency.traffic);
          await stack.setFaults(FAULTS.latency.spec);
        });
        await retryDeferred();
        await expectRulesHealthy();
      } finally {
        await stack.clearFaults();
      }
    },
    PHASE_TIMEOUT_MS,
  );

  it(
    `makes every database alert true when ${FAULTS.database.what}`,
    async () => {
      try {
        await proveFault('database', 150_000, async () => {
          await stack.restartTraffic(FAULTS.database.traffic);
          await stack.setFaults(FAULTS.database.spec);
        });
        await retryDeferred();
        await expectRulesHealthy();
      } finally {
        await stack.clearFaults();
      }
    },
    PHASE_TIMEOUT_MS,
  );

  it('gave data, in some fault phase, to every dashboard query that was empty while healthy', () => {
    const never = [...deferred.values()].filter((d) => !d.satisfiedIn).map((d) => describeRun(d.run));
    expect(never, 'dashboard queries with no data under healthy traffic nor under any fault').toEqual([]);
  });

  it(
    'fires ServiceDown when the app stops, and Alertmanager delivers it to the receiver its routing picks',
    async () => {
      const down = await proveFault('stop', 150_000, async () => {
        await stack.stopTraffic();
        await stack.app.process.stop();
      });
      await expectRulesHealthy();
      const serviceDown = down.find((a) => a.sources.some((s) => s.metric === 'up'));
      expect(serviceDown, 'an alert on up == 0').toBeDefined();
      const receivers = await amtoolReceivers({ alertname: serviceDown!.alert, ...serviceDown!.labels });
      expect(receivers.length).toBeGreaterThan(0);
      const note = await stack.webhook.waitFor(
        `${serviceDown!.alert} notification to ${receivers.join(', ')}`,
        (n) =>
          receivers.includes(n.receiver) &&
          n.payload.alerts.some((a) => a.status === 'firing' && a.labels['alertname'] === serviceDown!.alert),
        60_000,
      );
      const delivered = note.payload.alerts.find((a) => a.labels['alertname'] === serviceDown!.alert)!;
      expect(delivered.labels).toMatchObject({ job: APP_JOB, ...serviceDown!.labels });
      expect(delivered.annotations['summary'] ?? '').not.toBe('');
      say(
        `${serviceDown!.alert} delivered to ${note.receiver} ${((note.receivedAt - phaseStarted.get('stop')!) / 1000).toFixed(1)}s after the app stopped`,
      );
    },
    PHASE_TIMEOUT_MS,
  );

  it('pages through the availability SLO while the app stays stopped, and burns its error budget', async () => {
    // SLOs that count downtime read `up`: every target gone for 2 minutes turns the traffic the
    // service had into unanswered, failed requests (README, "Downtime").
    const downtimePages = alerts.filter(
      (a) => a.labels['severity'] === 'page' && a.labels['slo'] && a.sources.some((s) => s.metric === 'up'),
    );
    expect(downtimePages.map(alertKey), 'SLO pages that count downtime').not.toEqual([]);
    const stoppedAt = phaseStarted.get('stop')!;
    const slo = downtimePages[0]!.labels['slo']!;
    // Every page tier of the SLO that was quiet when the app stopped must fire, freshly: the
    // baseline before the stop resolved the 5m-window tiers; a longer one may still burn from the
    // errors phase and proves nothing here.
    const quietAtStop = (r: AlertUnderTest) => !(activeAtInjection.get('stop') ?? []).some((a) => isFrom(r, a));
    const pages = downtimePages.filter((r) => r.labels['slo'] === slo && quietAtStop(r));
    expect(pages.map(alertKey), `${slo} SLO pages quiet when the app stopped`).not.toEqual([]);
    const selector = `{service="${downtimePages[0]!.labels['service']}",slo="${slo}"}`;
    const budgetAt = async (atMs: number) =>
      Number((await stack.prometheus.query(`slo:error_budget_remaining:ratio${selector} @ ${(atMs / 1000).toFixed(3)}`))[0]?.value);
    const unanswered = await stack.prometheus.waitFor(`slo:requests_unanswered:rate${selector} > 0`, (s) => s.length > 0, 200_000);
    say(
      `${slo} SLO: ${Number(unanswered[0]!.value).toFixed(2)} unanswered requests/s counted as failed, seen ${elapsedSince(stoppedAt)} after the app stopped`,
    );
    const freshPage = (a: PromAlert) => a.state === 'firing' && Date.parse(a.activeAt) >= stoppedAt;
    let live: PromAlert[] = [];
    await waitUntil(
      `${pages.map(alertKey).join(', ')} firing after the stop`,
      async () => ((live = await recordAlerts()), pages.every((r) => live.some((a) => isFrom(r, a) && freshPage(a)))),
      { timeoutMs: 180_000, intervalMs: 1_000 },
    );
    const fired = live.filter((a) => freshPage(a) && pages.some((r) => isFrom(r, a)));
    // Five minutes after the stop no window holds a served request: without downtime counting,
    // errors and requests would both add zeros and the budget would hold still.
    const quiet = stoppedAt + 300_000;
    await sleep(Math.max(0, quiet + 30_000 - Date.now()));
    const before = await budgetAt(quiet);
    const after = await budgetAt(Date.now());
    say(
      `${slo} SLO: ${fired.map((a) => `${alertKey({ labels: a.labels })} active since +${((Date.parse(a.activeAt) - stoppedAt) / 1000).toFixed(0)}s`).join(', ')}; budget ${before.toFixed(4)} at +300s → ${after.toFixed(4)} at ${elapsedSince(stoppedAt)}`,
    );
    expect(after, 'error budget remaining while the app stays stopped').toBeLessThan(before);
    await expectRulesHealthy();
  }, 540_000);
});
