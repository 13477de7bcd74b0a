/**
 * HTTP to Grafana: auth from the environment, TLS with a custom CA, timeouts, and retries with
 * backoff. Every failure comes back as a GrafanaHttpError that says what happened and what to do;
 * the credentials never appear in anything this module returns or throws, server answers included.
 *
 * Why not undici's RetryAgent: it retries only the methods it deems idempotent (not POST, which
 * Grafana's dashboard and folder writes use), and it resumes a cut-off answer with a Range request,
 * which Grafana's API does not serve. A write is safe to repeat only with the version check that
 * client.ts does above this layer, so retries live here, in one loop that reads the whole answer.
 */
import { readFileSync } from 'node:fs';
import type { Dispatcher } from 'undici';

// undici costs ~70 ms to load: only commands that talk to Grafana pay for it.
const undici = () => import('undici');

export interface GrafanaAuth {
  /** Service-account token, sent as a Bearer token. */
  token?: string;
  basic?: { user: string; password: string };
}

export interface ConnectionOptions {
  url: string;
  auth: GrafanaAuth;
  /** PEM file of a CA that signed Grafana's certificate. */
  caFile?: string;
  /** Skip certificate verification: only when explicitly asked for. */
  insecure?: boolean;
  /** For one whole try: the answer's last byte included. */
  timeoutMs?: number;
  retries?: number;
  /** Base of the exponential backoff; tests shorten it. */
  backoffMs?: number;
  /** Grafana org id, sent as X-Grafana-Org-Id when set. */
  orgId?: number;
  /** The resource API's namespace (`stacks-<id>` on Grafana Cloud); default: `default`, or `org-<id>` with orgId. */
  namespace?: string;
}

export interface GrafanaResponse {
  status: number;
  body: unknown;
}

/**
 * What kind of failure, which decides the exit code: Grafana could not be reached or answered
 * nothing usable (`connection`), refused who we are or what we may do (`credentials`), kept
 * failing (`server`) — all exit 2, nothing about the definitions — or refused this request
 * (`refused`: a clash, a conflict, a dashboard it will not store), exit 1.
 */
export type FailureKind = 'connection' | 'credentials' | 'server' | 'refused';

export class GrafanaHttpError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly kind: FailureKind;
  /** What to do about it, one line. */
  readonly fix: string | undefined;
  /** The object it is about, e.g. `dashboard items-api-red`, when it is about one. */
  readonly subject: string | undefined;

  constructor(o: {
    method: string;
    path: string;
    status: number;
    body?: unknown;
    message: string;
    kind?: FailureKind;
    fix?: string;
    subject?: string;
  }) {
    super(o.message);
    this.name = 'GrafanaHttpError';
    this.method = o.method;
    this.path = o.path;
    this.status = o.status;
    this.body = o.body;
    this.kind = o.kind ?? (o.status === 0 ? 'connection' : o.status === 401 || o.status === 403 ? 'credentials' : 'refused');
    this.fix = o.fix;
    this.subject = o.subject;
  }
}

/** Reads credentials from GRAFANA_TOKEN, or GRAFANA_USER and GRAFANA_PASSWORD. */
export function authFromEnv(env: NodeJS.ProcessEnv = process.env): GrafanaAuth {
  if (env.GRAFANA_TOKEN) return { token: env.GRAFANA_TOKEN };
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) return { basic: { user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD } };
  return {};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * The credentials part of a URL as a person typed it. People paste passwords unencoded, so a `/`,
 * `?`, `#` or `@` in one must not end it: it runs to the last `@`. Text before an `@` with neither a
 * `:` nor a `/` `?` `#` is a user name; with `/` and no `:` it is a path (`https://host/a@b`).
 */
function userinfoOf(raw: string): { scheme: string; userinfo?: string; rest: string } {
  const m = SCHEME.exec(raw);
  const scheme = m ? m[1]! : '';
  const after = m ? raw.slice(m[0].length) : raw;
  const at = after.lastIndexOf('@');
  if (at < 0) return { scheme, rest: after };
  const userinfo = after.slice(0, at);
  if (!userinfo.includes(':') && /[/?#]/.test(userinfo)) return { scheme, rest: after };
  return { scheme, userinfo, rest: after.slice(at + 1) };
}

/** The URL with any `user:password@` shown as `***@`, for messages about the URL as written. */
export function hideUserinfo(url: string): string {
  const { scheme, userinfo, rest } = userinfoOf(url.trim());
  if (userinfo === undefined) return url;
  return `${scheme ? `${scheme}://` : ''}***@${rest}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a literal `%` in an unencoded password
  }
}

/**
 * The base URL without credentials, and the credentials it carried: `https://admin:pw@grafana` is
 * how docker setups often write it, and fetch refuses a URL with credentials in it. Throws on a URL
 * that is not http(s), with the credentials hidden.
 */
export function splitGrafanaUrl(raw: string): {
  base: string;
  basic?: { user: string; password: string };
  /** The credentials exactly as written, to be kept out of every message too. */
  written?: string;
} {
  const { scheme, userinfo, rest } = userinfoOf(raw.trim());
  let url: URL | undefined;
  if (/^https?$/i.test(scheme)) {
    try {
      url = new URL(`${scheme}://${rest}`);
    } catch {
      url = undefined;
    }
  }
  if (!url || url.hostname === '')
    throw new Error(`the Grafana URL "${hideUserinfo(raw)}" is not an http(s) URL: write it like https://grafana.example.com`);
  url.search = '';
  url.hash = '';
  let basic: { user: string; password: string } | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    basic =
      colon < 0
        ? { user: decoded(userinfo), password: '' }
        : { user: decoded(userinfo.slice(0, colon)), password: decoded(userinfo.slice(colon + 1)) };
  }
  return {
    base: url.href.replace(/\/+$/, ''),
    ...(basic ? { basic } : {}),
    ...(userinfo !== undefined ? { written: userinfo } : {}),
  };
}

function retryAfterMs(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0) * 1000, 30_000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? fallback : Math.min(Math.max(at - Date.now(), 0), 30_000);
}

/** Statuses that say "not now" rather than "no": a proxy's or Grafana's overload and restarts. */
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

interface TransportFailure {
  text: string;
  retry: boolean;
  fix: string;
}

const REACH_FIX = 'check --grafana-url and that Grafana is up and reachable from here';
const PATH_FIX = 'check what sits between dac and Grafana (proxy, load balancer), or raise --timeout if Grafana is slow';

function transportFailure(err: unknown, timeoutMs: number, body?: { received: number; expected: number | undefined }): TransportFailure {
  const e = err as Error & { cause?: Error & { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    const partial = body
      ? ` (${body.received}${body.expected === undefined ? '' : ` of ${body.expected}`} bytes of the answer had come)`
      : '';
    return { text: `no complete answer within ${timeoutMs / 1000} s${partial}`, retry: true, fix: PATH_FIX };
  }
  const code = e?.cause?.code ?? (e as { code?: string })?.code ?? '';
  const said = e?.cause?.message ?? e?.message ?? String(err);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO|HOSTNAME_MISMATCH/i.test(code))
    return {
      text: `TLS failed: ${said}`,
      retry: false,
      fix: "pass --ca-file with the CA that signed Grafana's certificate (--insecure only for a test server)",
    };
  if (code === 'ENOTFOUND') return { text: `host not found (${said})`, retry: false, fix: REACH_FIX };
  if (body)
    return {
      text: `the answer was cut off after ${body.received}${body.expected === undefined ? '' : ` of ${body.expected}`} bytes (${said})`,
      retry: true,
      fix: PATH_FIX,
    };
  if (code === 'ECONNREFUSED') return { text: `connection refused (${said})`, retry: true, fix: REACH_FIX };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return { text: `the connection was closed before Grafana answered (${said})`, retry: true, fix: PATH_FIX };
  return { text: said, retry: true, fix: REACH_FIX };
}

export class GrafanaHttp {
  /** The server's URL as shown in messages: never with credentials. */
  readonly base: string;
  private dispatcher: Promise<Dispatcher | undefined> | undefined;
  private readonly ca: string | undefined;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[] = [];

  constructor(private readonly opts: ConnectionOptions) {
    const { base, basic: fromUrl, written } = splitGrafanaUrl(opts.url);
    this.base = base;
    this.ca = opts.caFile ? readFileSync(opts.caFile, 'utf8') : undefined;
    this.headers = { accept: 'application/json' };
    // Credentials in the URL are secrets too, even when the environment's take precedence.
    if (written?.includes(':')) this.addSecret(written.slice(written.indexOf(':') + 1));
    if (fromUrl?.password) this.addSecret(fromUrl.password);
    const basic = opts.auth.basic ?? (opts.auth.token ? undefined : fromUrl);
    if (opts.auth.token) {
      this.headers.authorization = `Bearer ${opts.auth.token}`;
      this.addSecret(opts.auth.token);
    } else if (basic) {
      const encoded = Buffer.from(`${basic.user}:${basic.password}`).toString('base64');
      this.headers.authorization = `Basic ${encoded}`;
      this.addSecret(basic.password);
      this.addSecret(encoded);
    }
    if (opts.orgId !== undefined) this.headers['x-grafana-org-id'] = String(opts.orgId);
  }

  /** A secret in every form it can be echoed in: as is, URL-encoded, inside a JSON string. */
  private addSecret(secret: string): void {
    if (!secret) return;
    const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
    for (const f of forms) if (!this.secrets.includes(f)) this.secrets.push(f);
    // Longest first, so a form that contains another is replaced whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  /** Removes any credential from text that is about to be shown. */
  redact(text: string): string {
    return this.secrets.reduce((t, s) => t.split(s).join('***'), text);
  }

  private agent(): Promise<Dispatcher | undefined> {
    const { ca } = this;
    const { insecure } = this.opts;
    this.dispatcher ??=
      ca || insecure
        ? undici().then(({ Agent }) => new Agent({ connect: { ...(ca ? { ca } : {}), rejectUnauthorized: !insecure } }))
        : Promise.resolve(undefined);
    return this.dispatcher;
  }

  get timeoutMs(): number {
    return this.opts.timeoutMs ?? 15_000;
  }

  /**
   * One request, retried on transport failures (refused, reset, cut off, timed out) and on 429 and
   * 5xx answers. Retried writes must be safe to repeat: the callers make them so. Error answers
   * are redacted before anyone reads them: a server or proxy that echoes the Authorization header
   * cannot leak it into a message.
   */
  async request(method: string, path: string, body?: unknown): Promise<GrafanaResponse> {
    const { fetch } = await undici();
    const dispatcher = await this.agent();
    const retries = this.opts.retries ?? 3;
    const backoff = this.opts.backoffMs ?? 250;
    const timeoutMs = this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let retryAfter: string | null;
      let text: string;
      let reading: { received: number; expected: number | undefined } | undefined;
      try {
        const res = await fetch(`${this.base}${path}`, {
          method,
          headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
          ...(dispatcher ? { dispatcher } : {}),
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        const length = res.headers.get('content-length');
        reading = { received: 0, expected: length === null ? undefined : Number(length) };
        const chunks: Uint8Array[] = [];
        if (res.body)
          for await (const chunk of res.body) {
            chunks.push(chunk);
            reading.received += chunk.byteLength;
          }
        text = Buffer.concat(chunks).toString('utf8');
      } catch (err) {
        const failure = transportFailure(err, timeoutMs, reading);
        if (failure.retry && attempt < retries) {
          await sleep(backoff * 2 ** attempt);
          continue;
        }
        const tries = attempt + 1;
        throw new GrafanaHttpError({
          method,
          path,
          status: 0,
          kind: 'connection',
          message: this.redact(`${method} ${this.base}${path}: ${failure.text}${tries > 1 ? `, after ${tries} tries` : ''}`),
          fix: failure.fix,
        });
      }
      if (RETRY_STATUS.has(status) && attempt < retries) {
        await sleep(retryAfterMs(retryAfter, backoff * 2 ** attempt));
        continue;
      }
      // Error answers are what gets printed, and what a proxy or server may fill with the request's
      // headers. Successful answers are the user's dashboards, left as they are: a short password
      // such as "admin" must not rewrite their titles.
      const shown = status >= 300 ? this.redact(text) : text;
      let parsed: unknown = shown;
      try {
        parsed = shown ? JSON.parse(shown) : undefined;
      } catch {
        // Proxies answer with HTML; keep the text for the error message.
      }
      return { status, body: parsed };
    }
  }
}
