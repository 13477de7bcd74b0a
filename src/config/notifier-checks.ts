/**
 * Checks of one notifier, the mail server and quiet hours of `alerting`; and the secret detection:
 * a field named like a secret, or a value shaped like one, is refused with the file field to use.
 */
import type { Alerting, EmailServer, Notifier, NotifierKind } from './routing-types.js';

export const NAME = /^[a-z][a-z0-9-]{0,30}$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const KINDS: readonly NotifierKind[] = ['slack', 'pagerduty', 'email', 'webhook', 'opsgenie'];

/** Fields of each kind, and the file field each secret belongs in. */
export const FIELDS: Record<NotifierKind, readonly string[]> = {
  slack: ['kind', 'channel', 'apiUrlFile'],
  pagerduty: ['kind', 'routingKeyFile', 'url'],
  email: ['kind', 'to'],
  webhook: ['kind', 'url', 'basicAuth', 'bearerTokenFile'],
  opsgenie: ['kind', 'apiKeyFile', 'apiUrl', 'responderTeam'],
};

/** Field names people write for a secret, and where the secret goes instead. */
export const SECRET_FIELDS: Record<string, string> = {
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
export const SECRET_VALUES: { re: RegExp; what: string }[] = [
  { re: /hooks\.slack\.com\/services\//i, what: 'a Slack incoming-webhook URL' },
  { re: /\/\/[^/@\s]+:[^/@\s]+@/, what: 'a URL with a password in it' },
  { re: /[?&](token|key|api_?key|secret|sig|signature|access_token|password)=/i, what: 'a URL with a token in its query' },
];

export type At = (path: string[], message: string, hint?: string) => void;

export function isObject(v: unknown): v is Record<string, unknown> & object {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An unknown field: refused as a secret when it is named like one, else as a typo. */
export function secretOrUnknown(key: string, where: string[], at: At, what: string, known: readonly string[] = []): void {
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
export function secretValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return SECRET_VALUES.find((s) => s.re.test(value))?.what;
}

export function fileField(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be the path of the file that holds the secret';
  if (secretValueProblem(value)) return undefined; // reported as a secret
  if (!value.startsWith('/'))
    return `"${value}" is not an absolute path: Alertmanager reads a relative one next to alertmanager.yml, in out/, where no secret may be`;
  return undefined;
}

/** Checks one notifier; true when it can be generated. */
export function notifierProblems(
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

export function resolveEmail(raw: unknown, at: At): Alerting['email'] {
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

export const WEEKDAY =
  /^(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(:(sunday|monday|tuesday|wednesday|thursday|friday|saturday))?$/i;
export const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function timeRangeProblems(r: unknown): string[] {
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
