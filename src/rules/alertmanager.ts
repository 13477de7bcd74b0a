/**
 * The Alertmanager configuration that delivers the alerts dac generates to the people the config's
 * `alerting` names: one subtree per owning team (alerts, then SLOs, then services it owns), and in it
 * one path per urgency — a page goes to the pager and, with `continue`, on to the team channel; a
 * ticket to the channel or mail. Environments can take other paths, time intervals keep a team's
 * tickets to business hours or mute it for maintenance, and inhibition lets the louder alert of a
 * pair mute the quieter one.
 *
 * Secrets appear only as the files Alertmanager reads them from (`api_url_file`, `routing_key_file`,
 * `api_key_file`, `password_file`, `credentials_file`): the config names them, the deployment
 * provides them.
 *
 * Without `alerting` the routes lead to receivers that have no integration: Alertmanager accepts,
 * groups and shows the alerts, and notifies nobody.
 */
import type { Alerting, ResolvedNotifier, ResolvedTeam, Urgency } from '../config/routing.js';
import { URGENCIES } from '../config/routing.js';
import type { Service } from '../config/types.js';
import type { AlertSeverity, RuleGroup } from './model.js';
import { SEVERITIES } from './model.js';
import { TEMPLATE_GLOB, TEMPLATE_NAMES } from './alertmanager-templates.js';

/** Which urgency each severity label means. */
export const URGENCY_OF: Readonly<Record<AlertSeverity, Urgency>> = {
  critical: 'page',
  page: 'page',
  warning: 'ticket',
  ticket: 'ticket',
  info: 'info',
};

/** How often an unresolved group is sent again: a page that nobody acknowledged must come back. */
const REPEAT: Record<Urgency, string> = { page: '1h', ticket: '12h', info: '24h' };

const severitiesOf = (urgency: Urgency): AlertSeverity[] => SEVERITIES.filter((s) => URGENCY_OF[s] === urgency);

/** The label imported Sloth specs' alerts carry their tier in, `page` or `ticket`, as Sloth writes it. */
const TIER_LABEL = 'sloth_severity';

/**
 * Severities of their own that imported Sloth specs give their page or ticket alerts
 * (`page_alert: { labels: { severity: pageteam } }`), by tier. Routes match them together with
 * the tier in `sloth_severity`, so one value used for both tiers still pages only for the page.
 */
export type SpecSeverities = Partial<Record<'page' | 'ticket', string[]>>;

export function specSeverities(ruleFiles: readonly { groups: readonly RuleGroup[] }[]): SpecSeverities {
  const found: Record<'page' | 'ticket', Set<string>> = { page: new Set(), ticket: new Set() };
  for (const f of ruleFiles)
    for (const g of f.groups)
      for (const r of g.rules) {
        const tier = r.labels?.[TIER_LABEL];
        const severity = r.labels?.severity;
        if ('alert' in r && (tier === 'page' || tier === 'ticket') && severity && !(SEVERITIES as readonly string[]).includes(severity))
          found[tier].add(severity);
      }
  const out: SpecSeverities = {};
  for (const tier of ['page', 'ticket'] as const) if (found[tier].size > 0) out[tier] = [...found[tier]].sort();
  return out;
}

/** The matcher sets that mean `urgency`: dac's severities, then any a spec gave that tier. */
function urgencyMatchers(urgency: Urgency, extra: SpecSeverities): string[][] {
  if (urgency === 'info') return [[]];
  const own = extra[urgency];
  return [[oneOf('severity', severitiesOf(urgency))], ...(own ? [[oneOf('severity', own), `${TIER_LABEL}="${urgency}"`]] : [])];
}

const oneOf = (label: string, values: readonly string[]) =>
  values.length === 1 ? `${label}="${escape(values[0]!)}"` : `${label}=~"${values.map(regexEscape).join('|')}"`;

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function regexEscape(value: string): string {
  return escape(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

type Route = Record<string, unknown>;

export function alertmanagerConfig(services: readonly Service[], alerting?: Alerting, extra: SpecSeverities = {}): object {
  return alerting ? routedConfig(alerting, extra) : unroutedConfig(services, extra);
}

/** Labels two alerts must share for one to mute the other; a label absent from both counts as equal. */
function inhibitRules(environmentLabel: string | undefined, extra: SpecSeverities): object[] {
  const env = environmentLabel ? [environmentLabel] : [];
  const sloth = extra.page || extra.ticket;
  return [
    // A critical alert mutes the warning of the same alert on the same service (HighErrorRate, HighLatency)
    // and, for per-target alerts, the same instance: a critical on one instance must not hide a
    // warning on another, nor a critical in staging a warning in production.
    {
      source_matchers: ['severity="critical"'],
      target_matchers: ['severity="warning"'],
      equal: ['service', 'alertname', 'instance', ...env],
    },
    // A page mutes the ticket of the same SLO: one burn, one notification.
    { source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: ['service', 'alertname', 'slo', ...env] },
    // The same for imported Sloth specs whose alerts carry severities of their own.
    ...(sloth
      ? [
          {
            source_matchers: [`${TIER_LABEL}="page"`],
            target_matchers: [`${TIER_LABEL}="ticket"`],
            equal: ['service', 'alertname', 'slo', ...env],
          },
        ]
      : []),
  ];
}

function routedConfig(alerting: Alerting, extra: SpecSeverities): object {
  const teams = new Map(alerting.teams.map((t) => [t.name, t]));
  const fallback = teams.get(alerting.defaultTeam)!;
  const routes: Route[] = [];
  // Most specific ownership first: an alert or SLO a team owns goes to it whichever service fires it.
  for (const t of alerting.teams) if (t.alerts.length > 0) routes.push(teamRoute(t, [oneOf('alertname', t.alerts)], alerting, extra));
  for (const t of alerting.teams) if (t.slos.length > 0) routes.push(teamRoute(t, [oneOf('slo', t.slos)], alerting, extra));
  for (const t of alerting.teams) if (t.services.length > 0) routes.push(teamRoute(t, [oneOf('service', t.services)], alerting, extra));
  routes.push(teamRoute(fallback, [], alerting, extra));

  const used = new Set(alerting.teams.flatMap((t) => [t.onlyDuring.page, t.onlyDuring.ticket, t.onlyDuring.info, t.mutedDuring].flat()));
  const intervals = Object.entries(alerting.timeIntervals)
    .filter(([name]) => used.has(name))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, ranges]) => ({ name, time_intervals: ranges.map(timeInterval) }));
  const email = alerting.email;
  return {
    ...(email
      ? {
          global: {
            smtp_smarthost: email.smarthost,
            smtp_from: email.from,
            ...(email.authUsername !== undefined ? { smtp_auth_username: email.authUsername } : {}),
            ...(email.authPasswordFile !== undefined ? { smtp_auth_password_file: email.authPasswordFile } : {}),
            smtp_require_tls: email.requireTls,
          },
        }
      : {}),
    templates: [TEMPLATE_GLOB],
    route: {
      receiver: fallback.paths.info[0]!.receiver,
      group_by: alerting.groupBy,
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: REPEAT.info,
      routes,
    },
    inhibit_rules: inhibitRules(alerting.environmentLabel, extra),
    ...(intervals.length > 0 ? { time_intervals: intervals } : {}),
    receivers: alerting.teams.flatMap((t) => t.notifiers).map(receiver),
  };
}

/**
 * One team's subtree: its environments first, then its urgency paths. The subtree never lets an
 * alert out: the last urgency route matches everything, so an alert of unknown severity reaches the
 * team's quietest path rather than another team.
 */
function teamRoute(team: ResolvedTeam, matchers: string[], alerting: Alerting, extra: SpecSeverities): Route {
  return {
    receiver: team.paths.info[0]!.receiver,
    ...(matchers.length > 0 ? { matchers } : {}),
    routes: [
      ...team.environments.map((e) => ({
        receiver: e.paths.info[0]!.receiver,
        matchers: [`${alerting.environmentLabel}="${escape(e.value)}"`],
        routes: urgencyRoutes(team, e.paths, extra),
      })),
      ...urgencyRoutes(team, team.paths, extra),
    ],
  };
}

function urgencyRoutes(team: ResolvedTeam, paths: Record<Urgency, ResolvedNotifier[]>, extra: SpecSeverities): Route[] {
  return URGENCIES.flatMap((urgency) => {
    const path = paths[urgency];
    const active = team.onlyDuring[urgency] ?? [];
    // info is the catch-all, so it carries no matcher.
    return urgencyMatchers(urgency, extra).flatMap((m) =>
      path.map((n, i) => ({
        receiver: n.receiver,
        ...(m.length > 0 ? { matchers: m } : {}),
        // Every notifier of the path hears the alert: all but the last let it go on to the next.
        ...(i < path.length - 1 ? { continue: true } : {}),
        repeat_interval: REPEAT[urgency],
        // Set on each route: Alertmanager does not pass time intervals down to child routes.
        ...(active.length > 0 ? { active_time_intervals: active } : {}),
        ...(team.mutedDuring.length > 0 ? { mute_time_intervals: team.mutedDuring } : {}),
      })),
    );
  });
}

const tmpl = (name: string) => `{{ template "${name}" . }}`;

function receiver(n: ResolvedNotifier): object {
  const c = n.notifier;
  switch (c.kind) {
    case 'slack':
      return {
        name: n.receiver,
        slack_configs: [
          {
            api_url_file: c.apiUrlFile,
            channel: c.channel,
            send_resolved: true,
            title: tmpl(TEMPLATE_NAMES.slackTitle),
            title_link: tmpl(TEMPLATE_NAMES.dashboardUrl),
            text: tmpl(TEMPLATE_NAMES.slackText),
            color: tmpl(TEMPLATE_NAMES.slackColor),
          },
        ],
      };
    case 'pagerduty':
      return {
        name: n.receiver,
        pagerduty_configs: [
          {
            routing_key_file: c.routingKeyFile,
            ...(c.url ? { url: c.url } : {}),
            send_resolved: true,
            description: tmpl(TEMPLATE_NAMES.pagerdutyDescription),
            severity: tmpl(TEMPLATE_NAMES.pagerdutySeverity),
            client: 'Alertmanager (dac)',
            client_url: tmpl(TEMPLATE_NAMES.dashboardUrl),
            links: [
              { href: tmpl(TEMPLATE_NAMES.runbookUrl), text: 'Runbook' },
              { href: tmpl(TEMPLATE_NAMES.dashboardUrl), text: 'Dashboard' },
            ],
          },
        ],
      };
    case 'email':
      return {
        name: n.receiver,
        email_configs: [
          {
            to: c.to,
            send_resolved: true,
            headers: { Subject: tmpl(TEMPLATE_NAMES.emailSubject) },
            text: tmpl(TEMPLATE_NAMES.emailText),
            // Plain text only: Alertmanager's default HTML body would repeat it without the links.
            html: '',
          },
        ],
      };
    case 'webhook':
      return {
        name: n.receiver,
        webhook_configs: [
          {
            url: c.url,
            send_resolved: true,
            ...(c.basicAuth
              ? { http_config: { basic_auth: { username: c.basicAuth.username, password_file: c.basicAuth.passwordFile } } }
              : c.bearerTokenFile
                ? { http_config: { authorization: { type: 'Bearer', credentials_file: c.bearerTokenFile } } }
                : {}),
          },
        ],
      };
    case 'opsgenie':
      return {
        name: n.receiver,
        opsgenie_configs: [
          {
            api_key_file: c.apiKeyFile,
            ...(c.apiUrl ? { api_url: c.apiUrl } : {}),
            send_resolved: true,
            message: tmpl(TEMPLATE_NAMES.title),
            description: tmpl(TEMPLATE_NAMES.plainText),
            priority: tmpl(TEMPLATE_NAMES.opsgeniePriority),
            source: tmpl(TEMPLATE_NAMES.dashboardUrl),
            ...(c.responderTeam ? { responders: [{ type: 'team', name: c.responderTeam }] } : {}),
          },
        ],
      };
  }
}

function timeInterval(r: Alerting['timeIntervals'][string][number]): object {
  return {
    ...(r.weekdays ? { weekdays: r.weekdays } : {}),
    ...(r.times ? { times: r.times.map((t) => ({ start_time: t.start, end_time: t.end })) } : {}),
    ...(r.daysOfMonth ? { days_of_month: r.daysOfMonth } : {}),
    ...(r.months ? { months: r.months } : {}),
    ...(r.years ? { years: r.years } : {}),
    ...(r.location ? { location: r.location } : {}),
  };
}

/** Severity routes to receivers with no integration: the shape a team fills in with `alerting`. */
function unroutedConfig(services: readonly Service[], extra: SpecSeverities): object {
  const names = { page: 'pager', ticket: 'ticket', info: 'default' } as const;
  const severityRoutes = () =>
    (['page', 'ticket'] as const).flatMap((u) =>
      urgencyMatchers(u, extra).map((matchers) => ({ receiver: names[u], matchers, repeat_interval: REPEAT[u] })),
    );
  const serviceNames = [...new Set(services.map((s) => s.name))].sort();
  return {
    route: {
      receiver: 'default',
      group_by: ['alertname', 'service', 'environment'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: REPEAT.info,
      routes: [
        ...serviceNames.map((name) => ({ receiver: 'default', matchers: [`service="${name}"`], routes: severityRoutes() })),
        ...severityRoutes(),
      ],
    },
    inhibit_rules: inhibitRules('environment', extra),
    receivers: (['default', 'pager', 'ticket'] as const).map((name) => ({ name })),
  };
}
