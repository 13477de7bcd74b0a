/**
 * The service selector every dashboard query carries: `job="$job"` (the job variable, whose only
 * choice is the service's job), the service's extra matchers, then `instance=~"$instance"`. Keeping
 * it in one place is what lets a second service, or the same service in another namespace, reuse
 * every dashboard module unchanged.
 */
import type { Service } from '../config/types.js';
import { labelName, quote, vectorSelector, type Matcher } from '../core/promql-text.js';

export { quote, type MatchOp, type Matcher } from '../core/promql-text.js';

export const JOB_VARIABLE = 'job';
export const INSTANCE_VARIABLE = 'instance';

export function renderMatcher(m: Matcher): string {
  return `${labelName(m.label)}${m.op}${quote(m.value)}`;
}

export function eq(label: string, value: string): Matcher {
  return { label, op: '=', value };
}

export function re(label: string, value: string): Matcher {
  return { label, op: '=~', value };
}

/** The service's own exact-match matchers (job and extra matchers), with literal values. */
export function staticMatchers(service: Service): Matcher[] {
  const extra = Object.keys(service.selector.matchers)
    .sort()
    .map((k) => eq(k, service.selector.matchers[k] ?? ''));
  return [eq('job', service.selector.job), ...extra];
}

/** The matchers of a dashboard query: job and instance come from the dashboard variables. */
export function dashboardMatchers(service: Service, extra: readonly Matcher[] = []): Matcher[] {
  const [, ...fixed] = staticMatchers(service);
  return [eq('job', `$${JOB_VARIABLE}`), ...fixed, re('instance', `$${INSTANCE_VARIABLE}`), ...extra];
}

/** `metric{job="$job",…,instance=~"$instance",…extra}` (`{"metric", job=…}` for a UTF-8 name). */
export function series(service: Service, metric: string, extra: readonly Matcher[] = []): string {
  return vectorSelector(metric, dashboardMatchers(service, extra).map(renderMatcher), ', ');
}

/** `metric{job="fastapi",…}`: the literal service selector, for variable queries. */
export function staticSeries(metric: string, matchers: readonly Matcher[]): string {
  return vectorSelector(metric, matchers.map(renderMatcher), ', ');
}
