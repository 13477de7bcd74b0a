/**
 * The types of `alerting` in dac.config.ts: teams, their notifiers, urgency paths, quiet hours;
 * and the resolved form the Alertmanager generator reads.
 */
/**
 * How urgent an alert is, from its severity label: `page` (severity critical or page) wakes someone,
 * `ticket` (warning or ticket) waits for working hours, `info` is for the record.
 */
export type Urgency = 'page' | 'ticket' | 'info';
export const URGENCIES: readonly Urgency[] = ['page', 'ticket', 'info'];

/** A Slack channel through an incoming webhook; the webhook URL is the secret. */
export interface SlackNotifier {
  kind: 'slack';
  channel: string;
  /** File holding the incoming-webhook URL (Alertmanager `api_url_file`). */
  apiUrlFile: string;
}

/** PagerDuty through the Events API v2. */
export interface PagerDutyNotifier {
  kind: 'pagerduty';
  /** File holding the integration (routing) key of the PagerDuty service (Alertmanager `routing_key_file`). */
  routingKeyFile: string;
  /** Events API v2 endpoint; default PagerDuty's own. Set it for an EU account or a relay. */
  url?: string;
}

/** Mail through the SMTP server of `alerting.email`. */
export interface EmailNotifier {
  kind: 'email';
  to: string;
}

/** Any HTTP endpoint that takes Alertmanager's webhook JSON (incident tools, chat bridges). */
export interface WebhookNotifier {
  kind: 'webhook';
  /** The endpoint; it must not carry credentials: those go in basicAuth or bearerTokenFile. */
  url: string;
  basicAuth?: { username: string; passwordFile: string };
  /** File holding a bearer token sent as `Authorization: Bearer …`. */
  bearerTokenFile?: string;
}

/** OpsGenie's Alert API. */
export interface OpsGenieNotifier {
  kind: 'opsgenie';
  /** File holding the API key of the OpsGenie integration (Alertmanager `api_key_file`). */
  apiKeyFile: string;
  /** API endpoint; default OpsGenie's own (https://api.opsgenie.com/). */
  apiUrl?: string;
  /** OpsGenie team that should respond, if not the integration's own. */
  responderTeam?: string;
}

export type Notifier = SlackNotifier | PagerDutyNotifier | EmailNotifier | WebhookNotifier | OpsGenieNotifier;
export type NotifierKind = Notifier['kind'];

/** Per urgency, the notifiers (by name) that hear about it, in order: all of them are notified. */
export type UrgencyPaths = Partial<Record<Urgency, string[]>>;

export interface TeamConfig {
  /** Lower-case letters, digits and dashes: names the team's Alertmanager receivers `<team>-<notifier>`. */
  name: string;
  /** Services whose alerts the team gets. */
  services?: string[];
  /** Alert names the team gets whatever service fires them, e.g. the database alerts for the database team. */
  alerts?: string[];
  /** SLO names (the `slo` label) whose burn-rate alerts the team gets. */
  slos?: string[];
  /** The team's notifiers, by a name of the team's choosing (`chat`, `pager`, `mail`). */
  notifiers: Record<string, Notifier>;
  /** Which notifiers hear each urgency. An urgency without a path goes to the team's quietest path. */
  paths: UrgencyPaths;
  /** Paths that differ in one environment (the value of the environment label), e.g. staging never pages. */
  environments?: Record<string, UrgencyPaths>;
  /** Per urgency, time intervals (of `alerting.timeIntervals`) outside which the team is not notified. */
  onlyDuring?: Partial<Record<Urgency, string[]>>;
  /** Time intervals during which the team is not notified at all, e.g. a maintenance window. */
  mutedDuring?: string[];
}

/** One span of time, as Alertmanager's time_intervals take them; every field given must hold. */
export interface TimeRange {
  /** e.g. ['monday:friday'] */
  weekdays?: string[];
  /** e.g. [{ start: '09:00', end: '18:00' }] */
  times?: { start: string; end: string }[];
  /** e.g. ['1:7'] or ['-1'] for the last day */
  daysOfMonth?: string[];
  /** e.g. ['december'] or ['1:3'] */
  months?: string[];
  years?: string[];
  /** IANA time zone the times are in; default UTC. */
  location?: string;
}

export interface EmailServer {
  /** host:port of the SMTP server. */
  smarthost: string;
  from: string;
  authUsername?: string;
  /** File holding the SMTP password (Alertmanager `smtp_auth_password_file`). */
  authPasswordFile?: string;
  /** Default true, as in Alertmanager: STARTTLS is required before authenticating. */
  requireTls?: boolean;
}

export interface AlertingConfig {
  teams: TeamConfig[];
  /** The team that gets every alert no team owns. */
  defaultTeam: string;
  /** Labels that group alerts into one notification; default alertname, service, environment. */
  groupBy?: string[];
  /** The label that tells environments apart (Prometheus' external_labels usually set it); default `environment`. */
  environmentLabel?: string;
  /** SMTP server of the email notifiers. */
  email?: EmailServer;
  timeIntervals?: Record<string, TimeRange[]>;
}

/** A notifier with its team, as the generator needs it. */
export interface ResolvedNotifier {
  team: string;
  name: string;
  /** Alertmanager receiver name: `<team>-<name>`. */
  receiver: string;
  notifier: Notifier;
}

export interface ResolvedTeam {
  name: string;
  services: string[];
  alerts: string[];
  slos: string[];
  notifiers: ResolvedNotifier[];
  /** Every urgency has a non-empty path here: missing ones are filled from the quietest path. */
  paths: Record<Urgency, ResolvedNotifier[]>;
  environments: { value: string; paths: Record<Urgency, ResolvedNotifier[]> }[];
  onlyDuring: Partial<Record<Urgency, string[]>>;
  mutedDuring: string[];
}

export interface Alerting {
  teams: ResolvedTeam[];
  defaultTeam: string;
  groupBy: string[];
  environmentLabel: string;
  email?: Required<Omit<EmailServer, 'authUsername' | 'authPasswordFile'>> & Pick<EmailServer, 'authUsername' | 'authPasswordFile'>;
  timeIntervals: Record<string, TimeRange[]>;
}
