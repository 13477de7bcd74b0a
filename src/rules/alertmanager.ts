/**
 * The Alertmanager configuration that matches the alerts dac generates: routes by severity, grouping
 * by service and alert, and inhibition so the louder alert of a pair mutes the quieter one.
 *
 * Receivers are webhooks on 127.0.0.1:9095 (`/pager`, `/ticket`, `/default`): placeholders that pass
 * `amtool check-config` and deliver nowhere. Alertmanager does not expand environment variables, so
 * at deploy time substitute the real endpoints, e.g.
 *   sed -e "s#http://127.0.0.1:9095/pager#$PAGER_WEBHOOK_URL#" \
 *       -e "s#http://127.0.0.1:9095/ticket#$TICKET_WEBHOOK_URL#" \
 *       -e "s#http://127.0.0.1:9095/default#$DEFAULT_WEBHOOK_URL#" out/alertmanager/alertmanager.yml
 * or point the placeholders at a local relay (alertmanager-webhook-* adapters) listening there.
 */
import type { Service } from '../config/types.js';
import type { AlertSeverity } from './model.js';
import { SEVERITIES } from './model.js';

export const WEBHOOK_PLACEHOLDER_BASE = 'http://127.0.0.1:9095';

export type ReceiverName = 'pager' | 'ticket' | 'default';

/** Who hears about each severity: anything that wakes someone goes to the pager. */
export const RECEIVER_OF: Readonly<Record<AlertSeverity, ReceiverName>> = {
  critical: 'pager',
  page: 'pager',
  warning: 'ticket',
  ticket: 'ticket',
  info: 'default',
};

const REPEAT: Record<ReceiverName, string> = { pager: '1h', ticket: '12h', default: '24h' };

function severitiesOf(receiver: ReceiverName): AlertSeverity[] {
  return SEVERITIES.filter((s) => RECEIVER_OF[s] === receiver);
}

const matchSeverities = (sev: readonly string[]) => (sev.length === 1 ? `severity="${sev[0]}"` : `severity=~"${sev.join('|')}"`);

/**
 * Each service gets its own sub-route (severity routes inside), so a team can later send one
 * service to its own receivers by editing one place; alerts of no known service fall through to
 * the same severity routes at the top level.
 */
export function alertmanagerConfig(services: readonly Service[]): object {
  const severityRoutes = () =>
    (['pager', 'ticket'] as const).map((receiver) => ({
      receiver,
      matchers: [matchSeverities(severitiesOf(receiver))],
      repeat_interval: REPEAT[receiver],
    }));
  const names = [...new Set(services.map((s) => s.name))].sort();
  return {
    route: {
      receiver: 'default',
      group_by: ['service', 'alertname'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: REPEAT.default,
      routes: [
        ...names.map((name) => ({ receiver: 'default', matchers: [`service="${name}"`], routes: severityRoutes() })),
        ...severityRoutes(),
      ],
    },
    inhibit_rules: [
      // A critical alert mutes the warning of the same alert on the same service (HighErrorRate, HighLatency)
      // and, for per-target alerts, the same instance: a critical on one instance must not hide a
      // warning on another. Alertmanager treats a label absent from both as equal, so service-wide
      // pairs still inhibit.
      { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['service', 'alertname', 'instance'] },
      // A page mutes the ticket of the same SLO: one burn, one notification.
      { source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: ['service', 'alertname', 'slo'] },
    ],
    receivers: (['default', 'pager', 'ticket'] as const).map((name) => ({
      name,
      webhook_configs: [{ url: `${WEBHOOK_PLACEHOLDER_BASE}/${name}`, send_resolved: true }],
    })),
  };
}
