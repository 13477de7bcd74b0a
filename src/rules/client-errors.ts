/**
 * HighClientErrorRate: the optional warning on a surge of client errors (`clientErrorAlert` in
 * dac.config.ts), e.g. 404s after a deploy lost a route or a client started calling a removed one.
 * A warning, never a page: a client error does not prove the service broken, and scanners or a
 * misbehaving client can cause one without any fault of the service.
 */
import { sampleLabelValues } from '../config/label-values.js';
import type { Service } from '../config/types.js';
import { parseDuration } from '../core/duration.js';
import type { AlertDraft, ServiceAlert } from './alerts.js';
import { humanizePercentage } from './humanize.js';
import type { PromtoolSeries } from './model.js';
import { num, selector, serviceLabels, serviceSeries, type Matcher } from './promql.js';

export const CLIENT_ERROR_ALERT = 'HighClientErrorRate';

/** "404" reads as itself; a regex like "4.." as what it means. */
function statusText(status: string): string {
  return status === '4..' ? 'a client error (4xx)' : `status ${status.replace(/\|/g, ' or ')}`;
}

/** The status matcher: exact where the config names one code, so lint sees no needless regex. */
function statusMatcher(label: string, status: string): Matcher {
  return /^[0-9a-zA-Z]+$/.test(status) ? [label, '=', status] : [label, '=~', status];
}

export function clientErrorDraft(service: Service, window: string): AlertDraft | undefined {
  const config = service.clientErrorAlert;
  if (!config) return undefined;
  const { http } = service.profile;
  const traffic = `sum(rate(${serviceSeries(service, http.requests)}[${window}]))`;
  const matching = `sum(rate(${serviceSeries(service, http.requests, [statusMatcher(http.labels.status, config.status)])}[${window}]))`;
  // Without traffic the ratio is NaN and compares false; the floor keeps one 404 of two requests quiet.
  const guard = config.minRequestRate > 0 ? `>= ${num(config.minRequestRate)}` : '> 0';
  const what = statusText(config.status);
  return {
    id: 'HighClientErrorRate',
    alert: CLIENT_ERROR_ALERT,
    expr: (x) => `(${matching} / ${traffic}) > ${num(x)} and ${traffic} ${guard}`,
    threshold: config.ratio,
    for: config.for,
    severity: 'warning',
    dashboard: 'http-overview',
    resultLabels: [],
    summary: `${service.title} answers {{ $value | humanizePercentage }} of requests with ${what}`,
    description: (x, f) =>
      `{{ $value | humanizePercentage }} of ${service.title} requests got ${what} over the last ${window}, above the level of ${humanizePercentage(x)} for ${f}. ` +
      'Clients ask for what the service does not serve: a route or resource lost in a deploy, a client with a broken contract, or a scanner. "Responses by status code" shows which code and since when.',
  };
}

/** A status code the configured regex matches, for test input: the first of 4xx, then any other code. */
export function matchingStatus(status: string): string | undefined {
  const re = new RegExp(`^(?:${status})$`);
  const candidates = ['404', '4xx'];
  for (let c = 100; c < 600; c++) candidates.push(String(c));
  return candidates.find((c) => re.test(c));
}

export interface ClientErrorScenario {
  name: string;
  input: PromtoolSeries[];
  evalTime: string;
  firing: { alert: ServiceAlert; value: number }[];
}

/**
 * promtool scenarios: a surge above the level fires, a share below it and a surge at a trickle of
 * traffic stay quiet. Counters grow by whole numbers a minute, so the ratio is exact.
 */
export function clientErrorScenarios(service: Service, alert: ServiceAlert | undefined, instance: string): ClientErrorScenario[] {
  const config = service.clientErrorAlert;
  const code = config && matchingStatus(config.status);
  if (!alert || !config || !code || alert.threshold === undefined) return [];
  const level = alert.threshold;
  const l = service.profile.http.labels;
  const values = sampleLabelValues(service.profile);
  const forMinutes = Math.ceil(parseDuration(alert.rule.for ?? '0s') / 60);
  const evalMinutes = forMinutes + 15;
  const counter = (perMinute: number) => `0+${perMinute}x${evalMinutes + 5}`;
  const requests = (perMinute: Record<string, number>): PromtoolSeries[] =>
    Object.entries(perMinute).map(([status, n]) => ({
      series: selector(
        service.profile.http.requests,
        Object.entries({
          ...serviceLabels(service),
          instance,
          [l.handler]: values.handlers[1],
          [l.method]: values.methods[0],
          [l.status]: status,
        }).map(([k, v]) => [k, '=', v] as Matcher),
      ),
      values: counter(n),
    }));
  const ok = values.ok.find((s) => s !== code)!;
  const n = Math.max(1000, 10 ** Math.ceil(Math.log10(4 / level)));
  const share = (ratio: number, perMinute = n) => {
    const bad = Math.round(perMinute * ratio);
    return { input: requests({ [ok]: perMinute - bad, [code]: bad }), value: bad / perMinute };
  };
  const evalTime = `${evalMinutes}m`;
  const above = share(Math.min(1, level * 2));
  const below = share(level / 2);
  const out: ClientErrorScenario[] = [
    { name: `${code} responses at twice the level`, input: above.input, evalTime, firing: [{ alert, value: above.value }] },
    { name: `${code} responses at half the level`, input: below.input, evalTime, firing: [] },
  ];
  // Every request a client error, but fewer a minute than the floor allows.
  const trickle = Math.floor((config.minRequestRate * 60) / 2);
  if (trickle >= 1)
    out.push({ name: `every request ${code} at a trickle of traffic`, input: requests({ [code]: trickle }), evalTime, firing: [] });
  return out;
}
