import { URGENCIES } from "../config/routing.js";
import { SEVERITIES } from "./model.js";
import { TEMPLATE_GLOB, TEMPLATE_NAMES } from "./alertmanager-templates.js";
const URGENCY_OF = {
  critical: "page",
  page: "page",
  warning: "ticket",
  ticket: "ticket",
  info: "info"
};
const REPEAT = { page: "1h", ticket: "12h", info: "24h" };
const severitiesOf = (urgency) => SEVERITIES.filter((s) => URGENCY_OF[s] === urgency);
const oneOf = (label, values) => values.length === 1 ? `${label}="${escape(values[0])}"` : `${label}=~"${values.map(regexEscape).join("|")}"`;
function escape(value) {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}
function regexEscape(value) {
  return escape(value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}
function alertmanagerConfig(services, alerting) {
  return alerting ? routedConfig(alerting) : unroutedConfig(services);
}
function inhibitRules(environmentLabel) {
  const env = environmentLabel ? [environmentLabel] : [];
  return [
    // A critical alert mutes the warning of the same alert on the same service (HighErrorRate, HighLatency)
    // and, for per-target alerts, the same instance: a critical on one instance must not hide a
    // warning on another, nor a critical in staging a warning in production.
    {
      source_matchers: ['severity="critical"'],
      target_matchers: ['severity="warning"'],
      equal: ["service", "alertname", "instance", ...env]
    },
    // A page mutes the ticket of the same SLO: one burn, one notification.
    { source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: ["service", "alertname", "slo", ...env] }
  ];
}
function routedConfig(alerting) {
  const teams = new Map(alerting.teams.map((t) => [t.name, t]));
  const fallback = teams.get(alerting.defaultTeam);
  const routes = [];
  for (const t of alerting.teams) if (t.alerts.length > 0) routes.push(teamRoute(t, [oneOf("alertname", t.alerts)], alerting));
  for (const t of alerting.teams) if (t.slos.length > 0) routes.push(teamRoute(t, [oneOf("slo", t.slos)], alerting));
  for (const t of alerting.teams) if (t.services.length > 0) routes.push(teamRoute(t, [oneOf("service", t.services)], alerting));
  routes.push(teamRoute(fallback, [], alerting));
  const used = new Set(alerting.teams.flatMap((t) => [t.onlyDuring.page, t.onlyDuring.ticket, t.onlyDuring.info, t.mutedDuring].flat()));
  const intervals = Object.entries(alerting.timeIntervals).filter(([name]) => used.has(name)).sort(([a], [b]) => a < b ? -1 : 1).map(([name, ranges]) => ({ name, time_intervals: ranges.map(timeInterval) }));
  const email = alerting.email;
  return {
    ...email ? {
      global: {
        smtp_smarthost: email.smarthost,
        smtp_from: email.from,
        ...email.authUsername !== void 0 ? { smtp_auth_username: email.authUsername } : {},
        ...email.authPasswordFile !== void 0 ? { smtp_auth_password_file: email.authPasswordFile } : {},
        smtp_require_tls: email.requireTls
      }
    } : {},
    templates: [TEMPLATE_GLOB],
    route: {
      receiver: fallback.paths.info[0].receiver,
      group_by: alerting.groupBy,
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: REPEAT.info,
      routes
    },
    inhibit_rules: inhibitRules(alerting.environmentLabel),
    ...intervals.length > 0 ? { time_intervals: intervals } : {},
    receivers: alerting.teams.flatMap((t) => t.notifiers).map(receiver)
  };
}
function teamRoute(team, matchers, alerting) {
  return {
    receiver: team.paths.info[0].receiver,
    ...matchers.length > 0 ? { matchers } : {},
    routes: [
      ...team.environments.map((e) => ({
        receiver: e.paths.info[0].receiver,
        matchers: [`${alerting.environmentLabel}="${escape(e.value)}"`],
        routes: urgencyRoutes(team, e.paths)
      })),
      ...urgencyRoutes(team, team.paths)
    ]
  };
}
function urgencyRoutes(team, paths) {
  return URGENCIES.flatMap((urgency) => {
    const path = paths[urgency];
    const matchers = urgency === "info" ? {} : { matchers: [oneOf("severity", severitiesOf(urgency))] };
    const active = team.onlyDuring[urgency] ?? [];
    return path.map((n, i) => ({
      receiver: n.receiver,
      ...matchers,
      // Every notifier of the path hears the alert: all but the last let it go on to the next.
      ...i < path.length - 1 ? { continue: true } : {},
      repeat_interval: REPEAT[urgency],
      // Set on each route: Alertmanager does not pass time intervals down to child routes.
      ...active.length > 0 ? { active_time_intervals: active } : {},
      ...team.mutedDuring.length > 0 ? { mute_time_intervals: team.mutedDuring } : {}
    }));
  });
}
const tmpl = (name) => `{{ template "${name}" . }}`;
function receiver(n) {
  const c = n.notifier;
  switch (c.kind) {
    case "slack":
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
            color: tmpl(TEMPLATE_NAMES.slackColor)
          }
        ]
      };
    case "pagerduty":
      return {
        name: n.receiver,
        pagerduty_configs: [
          {
            routing_key_file: c.routingKeyFile,
            ...c.url ? { url: c.url } : {},
            send_resolved: true,
            description: tmpl(TEMPLATE_NAMES.pagerdutyDescription),
            severity: tmpl(TEMPLATE_NAMES.pagerdutySeverity),
            client: "Alertmanager (dac)",
            client_url: tmpl(TEMPLATE_NAMES.dashboardUrl),
            links: [
              { href: tmpl(TEMPLATE_NAMES.runbookUrl), text: "Runbook" },
              { href: tmpl(TEMPLATE_NAMES.dashboardUrl), text: "Dashboard" }
            ]
          }
        ]
      };
    case "email":
      return {
        name: n.receiver,
        email_configs: [
          {
            to: c.to,
            send_resolved: true,
            headers: { Subject: tmpl(TEMPLATE_NAMES.emailSubject) },
            text: tmpl(TEMPLATE_NAMES.emailText),
            // Plain text only: Alertmanager's default HTML body would repeat it without the links.
            html: ""
          }
        ]
      };
    case "webhook":
      return {
        name: n.receiver,
        webhook_configs: [
          {
            url: c.url,
            send_resolved: true,
            ...c.basicAuth ? { http_config: { basic_auth: { username: c.basicAuth.username, password_file: c.basicAuth.passwordFile } } } : c.bearerTokenFile ? { http_config: { authorization: { type: "Bearer", credentials_file: c.bearerTokenFile } } } : {}
          }
        ]
      };
    case "opsgenie":
      return {
        name: n.receiver,
        opsgenie_configs: [
          {
            api_key_file: c.apiKeyFile,
            ...c.apiUrl ? { api_url: c.apiUrl } : {},
            send_resolved: true,
            message: tmpl(TEMPLATE_NAMES.title),
            description: tmpl(TEMPLATE_NAMES.plainText),
            priority: tmpl(TEMPLATE_NAMES.opsgeniePriority),
            source: tmpl(TEMPLATE_NAMES.dashboardUrl),
            ...c.responderTeam ? { responders: [{ type: "team", name: c.responderTeam }] } : {}
          }
        ]
      };
  }
}
function timeInterval(r) {
  return {
    ...r.weekdays ? { weekdays: r.weekdays } : {},
    ...r.times ? { times: r.times.map((t) => ({ start_time: t.start, end_time: t.end })) } : {},
    ...r.daysOfMonth ? { days_of_month: r.daysOfMonth } : {},
    ...r.months ? { months: r.months } : {},
    ...r.years ? { years: r.years } : {},
    ...r.location ? { location: r.location } : {}
  };
}
function unroutedConfig(services) {
  const names = { page: "pager", ticket: "ticket", info: "default" };
  const severityRoutes = () => ["page", "ticket"].map((u) => ({
    receiver: names[u],
    matchers: [oneOf("severity", severitiesOf(u))],
    repeat_interval: REPEAT[u]
  }));
  const serviceNames = [...new Set(services.map((s) => s.name))].sort();
  return {
    route: {
      receiver: "default",
      group_by: ["alertname", "service", "environment"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: REPEAT.info,
      routes: [
        ...serviceNames.map((name) => ({ receiver: "default", matchers: [`service="${name}"`], routes: severityRoutes() })),
        ...severityRoutes()
      ]
    },
    inhibit_rules: inhibitRules("environment"),
    receivers: ["default", "pager", "ticket"].map((name) => ({ name }))
  };
}
export {
  URGENCY_OF,
  alertmanagerConfig
};
