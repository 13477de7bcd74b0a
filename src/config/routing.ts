/**
 * Who hears about which alert: teams, the notifiers each team reads, which services, alerts and SLOs
 * each team owns, and how urgency picks a path inside a team. dac turns it into
 * out/alertmanager/alertmanager.yml.
 *
 * Secrets never pass through here: a notifier names the file Alertmanager reads its key, webhook URL
 * or password from at notification time (Alertmanager's `*_file` fields), so neither the config nor
 * out/ nor git ever holds one. A literal secret is refused with the field to write instead.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { DacError } from '../core/diagnostic.js';

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

const NAME = /^[a-z][a-z0-9-]{0,30}$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const KINDS: readonly NotifierKind[] = ['slack', 'pagerduty', 'email', 'webhook', 'opsgenie'];

/** Fields of each kind, and the file field each secret belongs in. */
const FIELDS: Record<NotifierKind, readonly string[]> = {
  slack: ['kind', 'channel', 'apiUrlFile'],
  pagerduty: ['kind', 'routingKeyFile', 'url'],
  email: ['kind', 'to'],
  webhook: ['kind', 'url', 'basicAuth', 'bearerTokenFile'],
  opsgenie: ['kind', 'apiKeyFile', 'apiUrl', 'responderTeam'],
};

/** Field names people write for a secret, and where the secret goes instead. */
const SECRET_FIELDS: Record<string, string> = {
  apiUrl: 'apiUrlFile',
  webhookUrl: 'apiUrlFile',
  routingKey: 'routingKeyFile',
  serviceKey: 'routingKeyFile',
  integrationKey: 'routingKeyFile',
  apiKey: 'apiKeyFile',
  password: 'passwordFile',
  authPassword: 'authPasswordFile',
  token: 'bearerTokenFile',
  bearerToken: 'bearerTokenFile',
  credentials: 'bearerTokenFile',
  secret: 'a *File field',
};

/** Values that are secrets wherever they are written. */
const SECRET_VALUES: { re: RegExp; what: string }[] = [
  { re: /hooks\.slack\.com\/services\//i, what: 'a Slack incoming-webhook URL' },
  { re: /\/\/[^/@\s]+:[^/@\s]+@/, what: 'a URL with a password in it' },
  { re: /[?&](token|key|api_?key|secret|sig|signature|access_token|password)=/i, what: 'a URL with a token in its query' },
];

/**
 * The `alerting` part of the config, checked and with defaults filled in; undefined when the config
 * has none. Every problem is reported at once, located `file › team › notifier › field`.
 */
export function resolveAlerting(config: unknown, file: string, serviceNames: readonly string[]): Alerting | undefined {
  const raw = (config as { alerting?: unknown } | null)?.alerting;
  if (raw === undefined) return undefined;
  const problems: Diagnostic[] = [];
  const at = (path: string[], message: string, hint?: string) =>
    problems.push({
      severity: 'error',
      check: 'config/alerting',
      where: { file, path: ['alerting', ...path] },
      message,
      ...(hint ? { hint } : {}),
    });
  if (!isObject(raw)) {
    at([], 'must be an object', "alerting: { defaultTeam: 'ops', teams: [ ... ] }");
    throw new DacError(problems);
  }
  const cfg = raw as unknown as AlertingConfig;

  const intervals = isObject(cfg.timeIntervals) ? cfg.timeIntervals : {};
  for (const [name, ranges] of Object.entries(intervals)) {
    if (!NAME.test(name)) at([`timeIntervals.${name}`], 'is not a valid interval name', 'use lower-case letters, digits and dashes');
    if (!Array.isArray(ranges) || ranges.length === 0)
      at(
        [`timeIntervals.${name}`],
        'must be a non-empty list of time ranges',
        "e.g. [{ weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }] }]",
      );
    else ranges.forEach((r, i) => timeRangeProblems(r).forEach((m) => at([`timeIntervals.${name}[${i}]`], m)));
  }
  const intervalRef = (where: string[], names: unknown) => {
    if (names === undefined) return [];
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
      at(where, 'must be a list of time interval names', "e.g. ['business-hours']");
      return [];
    }
    for (const n of names)
      if (!(n in intervals))
        at(
          where,
          `names the time interval "${n}", which alerting.timeIntervals does not define`,
          `define it: timeIntervals: { '${n}': [ ... ] }`,
        );
    return [...names];
  };

  const email = resolveEmail(cfg.email, at);
  const teams: ResolvedTeam[] = [];
  const teamNames = new Set<string>();
  const owner = new Map<string, string>();
  const claim = (what: string, team: string, where: string[]) => {
    const prev = owner.get(what);
    if (prev && prev !== team) at(where, `${what} is also owned by team ${prev}`, 'give each service, alert and SLO one owning team');
    else owner.set(what, team);
  };
  const teamList = Array.isArray(cfg.teams) ? cfg.teams : [];
  if (!Array.isArray(cfg.teams) || cfg.teams.length === 0)
    at(
      ['teams'],
      'must list at least one team',
      "teams: [{ name: 'ops', notifiers: { mail: { kind: 'email', to: 'ops@example.com' } }, paths: { page: ['mail'] } }]",
    );
  teamList.forEach((team, i) => {
    const label = `team ${typeof team?.name === 'string' ? team.name : `#${i + 1}`}`;
    if (!isObject(team)) return at([label], 'must be an object');
    if (typeof team.name !== 'string' || !NAME.test(team.name))
      at(
        [label, 'name'],
        `${JSON.stringify(team.name)} is not a valid team name`,
        'use lower-case letters, digits and dashes, starting with a letter',
      );
    else if (teamNames.has(team.name)) at([label, 'name'], `two teams are named "${team.name}"`);
    else teamNames.add(team.name);
    const names = (field: 'services' | 'alerts' | 'slos'): string[] => {
      const v = team[field];
      if (v === undefined) return [];
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s !== '')) {
        at([label, field], 'must be a list of names');
        return [];
      }
      return [...v];
    };
    const services = names('services');
    for (const s of services) {
      if (!serviceNames.includes(s))
        at([label, 'services'], `names the service "${s}", which the config does not define`, `use one of ${serviceNames.join(', ')}`);
      claim(`service ${s}`, team.name, [label, 'services']);
    }
    const alerts = names('alerts');
    for (const a of alerts) claim(`alert ${a}`, team.name, [label, 'alerts']);
    const slos = names('slos');
    for (const s of slos) claim(`SLO ${s}`, team.name, [label, 'slos']);

    const notifiers: ResolvedNotifier[] = [];
    if (!isObject(team.notifiers) || Object.keys(team.notifiers).length === 0)
      at(
        [label, 'notifiers'],
        'must name at least one notifier',
        "notifiers: { chat: { kind: 'slack', channel: '#alerts', apiUrlFile: '/etc/alertmanager/secrets/slack-url' } }",
      );
    else
      for (const [name, n] of Object.entries(team.notifiers)) {
        const where = [label, `notifier ${name}`];
        if (!NAME.test(name)) at(where, `"${name}" is not a valid notifier name`, 'use lower-case letters, digits and dashes');
        const ok = notifierProblems(n, name, team.name, (field, message, hint) => at(field ? [...where, field] : where, message, hint));
        if (ok && n.kind === 'email' && !email)
          at(
            [...where],
            'sends mail, but alerting.email names no SMTP server',
            "add email: { smarthost: 'smtp.example.com:587', from: 'alerts@example.com' }",
          );
        if (ok) notifiers.push({ team: team.name, name, receiver: `${team.name}-${name}`, notifier: n });
      }

    const pathsOf = (where: string[], p: unknown): UrgencyPaths => {
      if (!isObject(p)) {
        at(where, 'must map urgencies (page, ticket, info) to notifier names', "e.g. { page: ['pager', 'chat'], ticket: ['chat'] }");
        return {};
      }
      const out: UrgencyPaths = {};
      for (const [u, list] of Object.entries(p)) {
        if (!URGENCIES.includes(u as Urgency)) {
          at([...where, u], `"${u}" is not an urgency`, 'use page (severity critical, page), ticket (warning, ticket) or info');
          continue;
        }
        if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string')) {
          at(
            [...where, u],
            'must be a non-empty list of notifier names',
            `e.g. ${u}: ['${Object.keys(team.notifiers ?? {})[0] ?? 'chat'}']`,
          );
          continue;
        }
        for (const x of list)
          if (!isObject(team.notifiers) || !(x in team.notifiers))
            at(
              [...where, u],
              `names the notifier "${x}", which the team does not have`,
              `use one of ${Object.keys(team.notifiers ?? {}).join(', ') || '(none defined)'}`,
            );
        out[u as Urgency] = [...new Set(list as string[])];
      }
      if (Object.keys(out).length === 0 && Object.keys(p).length === 0)
        at(where, 'gives no path: every alert of the team would go nowhere', "e.g. { page: ['pager', 'chat'], ticket: ['chat'] }");
      return out;
    };
    const paths = pathsOf([label, 'paths'], team.paths);
    const environments: { value: string; paths: UrgencyPaths }[] = [];
    if (team.environments !== undefined) {
      if (!isObject(team.environments))
        at([label, 'environments'], 'must map environment names to paths', "e.g. { staging: { page: ['chat'] } }");
      else
        for (const [env, p] of Object.entries(team.environments))
          environments.push({ value: env, paths: pathsOf([label, `environments.${env}`], p) });
    }
    const onlyDuring: Partial<Record<Urgency, string[]>> = {};
    if (team.onlyDuring !== undefined) {
      if (!isObject(team.onlyDuring))
        at([label, 'onlyDuring'], 'must map urgencies to time interval names', "e.g. { ticket: ['business-hours'] }");
      else
        for (const [u, list] of Object.entries(team.onlyDuring)) {
          if (!URGENCIES.includes(u as Urgency)) at([label, `onlyDuring.${u}`], `"${u}" is not an urgency`, 'use page, ticket or info');
          else onlyDuring[u as Urgency] = intervalRef([label, `onlyDuring.${u}`], list);
        }
    }
    const mutedDuring = intervalRef([label, 'mutedDuring'], team.mutedDuring);

    const byName = new Map(notifiers.map((n) => [n.name, n]));
    const fill = (p: UrgencyPaths, base?: Record<Urgency, ResolvedNotifier[]>): Record<Urgency, ResolvedNotifier[]> => {
      const pick = (u: Urgency) => (p[u] ?? []).map((x) => byName.get(x)).filter((x): x is ResolvedNotifier => x !== undefined);
      const given = Object.fromEntries(URGENCIES.map((u) => [u, pick(u)])) as Record<Urgency, ResolvedNotifier[]>;
      // An urgency without a path falls to the nearest quieter one, then the louder: a ticket path
      // is what a team reads for info too; a team with only a pager still hears about everything.
      const order: Record<Urgency, Urgency[]> = {
        page: ['page', 'ticket', 'info'],
        ticket: ['ticket', 'info', 'page'],
        info: ['info', 'ticket', 'page'],
      };
      return Object.fromEntries(
        URGENCIES.map((u) => {
          const own = order[u].map((v) => given[v]).find((l) => l.length > 0);
          return [u, given[u].length > 0 ? given[u] : base ? base[u] : (own ?? [])];
        }),
      ) as Record<Urgency, ResolvedNotifier[]>;
    };
    const resolvedPaths = fill(paths);
    teams.push({
      name: team.name,
      services,
      alerts,
      slos,
      notifiers,
      paths: resolvedPaths,
      environments: environments.map((e) => ({ value: e.value, paths: fill(e.paths, resolvedPaths) })),
      onlyDuring,
      mutedDuring,
    });
  });
  if (typeof cfg.defaultTeam !== 'string' || !teamNames.has(cfg.defaultTeam))
    at(
      ['defaultTeam'],
      cfg.defaultTeam === undefined
        ? 'is missing: alerts no team owns would go nowhere'
        : `${JSON.stringify(cfg.defaultTeam)} is not one of the teams`,
      `name one of the teams: ${[...teamNames].join(', ') || '(none defined)'}`,
    );
  const groupBy = cfg.groupBy ?? ['alertname', 'service', 'environment'];
  if (
    !Array.isArray(groupBy) ||
    groupBy.length === 0 ||
    !groupBy.every((l) => typeof l === 'string' && (LABEL_NAME.test(l) || l === '...'))
  )
    at(
      ['groupBy'],
      `must be a non-empty list of label names, got ${JSON.stringify(groupBy)}`,
      "e.g. ['alertname', 'service', 'environment']",
    );
  const environmentLabel = cfg.environmentLabel ?? 'environment';
  if (typeof environmentLabel !== 'string' || !LABEL_NAME.test(environmentLabel))
    at(['environmentLabel'], `${JSON.stringify(environmentLabel)} is not a label name`, "e.g. 'environment' or 'env'");
  for (const key of Object.keys(cfg))
    if (!['teams', 'defaultTeam', 'groupBy', 'environmentLabel', 'email', 'timeIntervals'].includes(key))
      secretOrUnknown(key, [], at, 'alerting');
  if (problems.length > 0) throw new DacError(problems);
  return {
    teams,
    defaultTeam: cfg.defaultTeam,
    groupBy: [...groupBy],
    environmentLabel,
    ...(email ? { email } : {}),
    timeIntervals: { ...intervals },
  };
}

type At = (path: string[], message: string, hint?: string) => void;

function isObject(v: unknown): v is Record<string, unknown> & object {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An unknown field: refused as a secret when it is named like one, else as a typo. */
function secretOrUnknown(key: string, where: string[], at: At, what: string, known: readonly string[] = []): void {
  const instead = SECRET_FIELDS[key];
  if (instead)
    at(
      [...where, key],
      `holds a secret written into the config: it would land in out/alertmanager/alertmanager.yml and in git`,
      `write the secret into a file on the Alertmanager host (mode 0400, e.g. /etc/alertmanager/secrets/…) and give its path in ${instead}`,
    );
  else at([...where, key], `is not a field of ${what}`, known.length > 0 ? `use ${known.join(', ')}` : undefined);
}

/** A literal secret in any string of the notifier, whatever the field is called. */
function secretValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return SECRET_VALUES.find((s) => s.re.test(value))?.what;
}

function fileField(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be the path of the file that holds the secret';
  if (secretValueProblem(value)) return undefined; // reported as a secret
  if (!value.startsWith('/'))
    return `"${value}" is not an absolute path: Alertmanager reads a relative one next to alertmanager.yml, in out/, where no secret may be`;
  return undefined;
}

/** Checks one notifier; true when it can be generated. */
function notifierProblems(
  n: unknown,
  name: string,
  team: string,
  at: (field: string | undefined, message: string, hint?: string) => void,
): n is Notifier {
  const before = { count: 0 };
  const report = (field: string | undefined, message: string, hint?: string) => {
    before.count++;
    at(field, message, hint);
  };
  if (!isObject(n)) {
    report(undefined, 'must be an object', "e.g. { kind: 'email', to: 'team@example.com' }");
    return false;
  }
  const kind = n['kind'] as NotifierKind;
  if (!KINDS.includes(kind)) {
    report('kind', `${JSON.stringify(kind)} is not a notifier kind`, `use one of ${KINDS.join(', ')}`);
    return false;
  }
  const secretPath = `/etc/alertmanager/secrets/${team}-${name}`;
  const atWhere = (path: string[], message: string, hint?: string) => report(path.join('.') || undefined, message, hint);
  for (const [key, value] of Object.entries(n)) {
    if (!FIELDS[kind].includes(key)) {
      secretOrUnknown(key, [], atWhere, `a ${kind} notifier`, FIELDS[kind]);
      continue;
    }
    const secret = secretValueProblem(value);
    if (secret)
      report(
        key,
        `holds ${secret}: written here it would land in out/alertmanager/alertmanager.yml and in git`,
        kind === 'webhook' && key === 'url'
          ? 'keep the URL free of credentials and give them in basicAuth: { username, passwordFile } or bearerTokenFile'
          : `write it into a file on the Alertmanager host, e.g. ${secretPath}, and give that path in ${kind === 'slack' ? 'apiUrlFile' : 'the *File field'}`,
      );
  }
  const need = (field: string, example: string) => {
    if (typeof n[field] !== 'string' || n[field] === '') report(field, 'is missing', `e.g. ${field}: ${example}`);
  };
  const file = (field: string) => {
    if (n[field] === undefined)
      return report(field, 'is missing', `e.g. ${field}: '${secretPath}' — a file holding the secret, never the secret itself`);
    const problem = fileField(n[field]);
    if (problem) report(field, problem, `e.g. ${field}: '${secretPath}'`);
  };
  const url = (field: string, required: boolean) => {
    if (n[field] === undefined && !required) return;
    if (typeof n[field] !== 'string' || !/^https?:\/\/[^\s]+$/.test(n[field] as string))
      report(field, `must be an http(s) URL, got ${JSON.stringify(n[field])}`);
  };
  switch (kind) {
    case 'slack':
      need('channel', "'#items-api-alerts'");
      file('apiUrlFile');
      break;
    case 'pagerduty':
      file('routingKeyFile');
      url('url', false);
      break;
    case 'email':
      if (typeof n['to'] !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(n['to'].split(',')[0]!.trim()))
        report('to', `must be a mail address, got ${JSON.stringify(n['to'])}`, "e.g. to: 'team@example.com'");
      break;
    case 'webhook': {
      url('url', true);
      const auth = n['basicAuth'];
      if (auth !== undefined) {
        if (!isObject(auth) || typeof auth['username'] !== 'string') report('basicAuth', 'must be { username, passwordFile }');
        else {
          for (const k of Object.keys(auth))
            if (k !== 'username' && k !== 'passwordFile')
              secretOrUnknown(k, ['basicAuth'], atWhere, 'basicAuth', ['username', 'passwordFile']);
          const problem = fileField(auth['passwordFile']);
          if (problem) report('basicAuth.passwordFile', problem, `e.g. passwordFile: '${secretPath}'`);
        }
        if (n['bearerTokenFile'] !== undefined) report('bearerTokenFile', 'cannot be used with basicAuth', 'keep one of the two');
      }
      if (n['bearerTokenFile'] !== undefined) {
        const problem = fileField(n['bearerTokenFile']);
        if (problem) report('bearerTokenFile', problem, `e.g. bearerTokenFile: '${secretPath}'`);
      }
      break;
    }
    case 'opsgenie':
      file('apiKeyFile');
      url('apiUrl', false);
      if (n['responderTeam'] !== undefined && typeof n['responderTeam'] !== 'string')
        report('responderTeam', 'must be an OpsGenie team name');
      break;
  }
  return before.count === 0;
}

function resolveEmail(raw: unknown, at: At): Alerting['email'] {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    at(['email'], 'must be an object', "email: { smarthost: 'smtp.example.com:587', from: 'alerts@example.com' }");
    return undefined;
  }
  const before: string[] = [];
  const bad = (field: string, message: string, hint?: string) => {
    before.push(field);
    at(['email', field], message, hint);
  };
  const known = ['smarthost', 'from', 'authUsername', 'authPasswordFile', 'requireTls'];
  for (const key of Object.keys(raw)) if (!known.includes(key)) secretOrUnknown(key, ['email'], at, 'email', known);
  if (typeof raw['smarthost'] !== 'string' || !/^[^\s:/]+:\d+$/.test(raw['smarthost']))
    bad('smarthost', `must be host:port, got ${JSON.stringify(raw['smarthost'])}`, "e.g. 'smtp.example.com:587'");
  if (typeof raw['from'] !== 'string' || !raw['from'].includes('@'))
    bad('from', `must be a mail address, got ${JSON.stringify(raw['from'])}`);
  if (raw['authUsername'] !== undefined && typeof raw['authUsername'] !== 'string') bad('authUsername', 'must be a string');
  if (raw['authPasswordFile'] !== undefined) {
    const problem = fileField(raw['authPasswordFile']);
    if (problem) bad('authPasswordFile', problem, "e.g. authPasswordFile: '/etc/alertmanager/secrets/smtp-password'");
  }
  if (raw['requireTls'] !== undefined && typeof raw['requireTls'] !== 'boolean') bad('requireTls', 'must be true or false');
  if (before.length > 0) return undefined;
  const e = raw as unknown as EmailServer;
  return {
    smarthost: e.smarthost,
    from: e.from,
    requireTls: e.requireTls ?? true,
    ...(e.authUsername !== undefined ? { authUsername: e.authUsername } : {}),
    ...(e.authPasswordFile !== undefined ? { authPasswordFile: e.authPasswordFile } : {}),
  };
}

const WEEKDAY =
  /^(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(:(sunday|monday|tuesday|wednesday|thursday|friday|saturday))?$/i;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function timeRangeProblems(r: unknown): string[] {
  if (!isObject(r)) return ['must be an object such as { weekdays: [...], times: [...] }'];
  const out: string[] = [];
  const known = ['weekdays', 'times', 'daysOfMonth', 'months', 'years', 'location'];
  for (const k of Object.keys(r)) if (!known.includes(k)) out.push(`${k} is not a field of a time range (use ${known.join(', ')})`);
  const strings = (k: string) => r[k] === undefined || (Array.isArray(r[k]) && (r[k] as unknown[]).every((x) => typeof x === 'string'));
  for (const k of ['weekdays', 'daysOfMonth', 'months', 'years']) if (!strings(k)) out.push(`${k} must be a list of strings`);
  if (Array.isArray(r['weekdays']))
    for (const d of r['weekdays'] as string[])
      if (!WEEKDAY.test(d)) out.push(`weekdays: "${d}" is not a weekday or range such as monday:friday`);
  if (r['times'] !== undefined) {
    if (!Array.isArray(r['times'])) out.push("times must be a list such as [{ start: '09:00', end: '18:00' }]");
    else
      for (const t of r['times'] as unknown[]) {
        if (
          !isObject(t) ||
          typeof t['start'] !== 'string' ||
          typeof t['end'] !== 'string' ||
          !CLOCK.test(t['start']) ||
          !CLOCK.test(t['end'])
        )
          out.push(`times: ${JSON.stringify(t)} must be { start: 'HH:MM', end: 'HH:MM' }`);
        else if (t['start'] >= t['end'])
          out.push(`times: ${t['start']}–${t['end']} ends before it starts (a span over midnight is two spans)`);
      }
  }
  if (
    r['location'] !== undefined &&
    (typeof r['location'] !== 'string' || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$|^UTC$|^Local$/.test(r['location']))
  )
    out.push(`location ${JSON.stringify(r['location'])} is not an IANA time zone such as Europe/Paris`);
  return out;
}
