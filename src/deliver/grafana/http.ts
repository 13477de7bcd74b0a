/**
 * HTTP to Grafana: auth from the environment, TLS with a custom CA, timeouts, and retries with
 * backoff on 429 and 5xx. The credentials never appear in anything this module returns or throws.
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
  timeoutMs?: number;
  retries?: number;
  /** Base of the exponential backoff; tests shorten it. */
  backoffMs?: number;
  /** Grafana org id, sent as X-Grafana-Org-Id when set. */
  orgId?: number;
}

export interface GrafanaResponse {
  status: number;
  body: unknown;
}

/** Reads credentials from GRAFANA_TOKEN, or GRAFANA_USER and GRAFANA_PASSWORD. */
export function authFromEnv(env: NodeJS.ProcessEnv = process.env): GrafanaAuth {
  if (env.GRAFANA_TOKEN) return { token: env.GRAFANA_TOKEN };
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) return { basic: { user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD } };
  return {};
}

export class GrafanaHttpError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'GrafanaHttpError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The URL with any `user:password@` shown as `***@`, for messages about a URL that did not parse. */
export function hideUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1***@');
}

/**
 * The base URL without credentials, and the credentials it carried: `https://admin:pw@grafana` is
 * how docker setups often write it, and fetch refuses a URL with credentials in it. Throws on a URL
 * that is not http(s), with the credentials hidden.
 */
export function splitGrafanaUrl(raw: string): { base: string; basic?: { user: string; password: string } } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`the Grafana URL "${hideUserinfo(raw)}" is not an http(s) URL: write it like https://grafana.example.com`);
  const basic =
    url.username || url.password ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
  url.username = '';
  url.password = '';
  return { base: url.href.replace(/\/+$/, ''), ...(basic ? { basic } : {}) };
}

function retryAfterMs(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(seconds * 1000, 30_000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? fallback : Math.min(Math.max(at - Date.now(), 0), 30_000);
}

export class GrafanaHttp {
  /** The server's URL as shown in messages: never with credentials. */
  readonly base: string;
  private dispatcher: Promise<Dispatcher | undefined> | undefined;
  private readonly ca: string | undefined;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];

  constructor(private readonly opts: ConnectionOptions) {
    const { base, basic: fromUrl } = splitGrafanaUrl(opts.url);
    this.base = base;
    this.ca = opts.caFile ? readFileSync(opts.caFile, 'utf8') : undefined;
    this.headers = { accept: 'application/json' };
    // Credentials in the URL are secrets too, even when the environment's take precedence.
    this.secrets = fromUrl?.password ? [fromUrl.password, encodeURIComponent(fromUrl.password)] : [];
    const basic = opts.auth.basic ?? (opts.auth.token ? undefined : fromUrl);
    if (opts.auth.token) {
      this.headers.authorization = `Bearer ${opts.auth.token}`;
      this.secrets.push(opts.auth.token);
    } else if (basic) {
      const encoded = Buffer.from(`${basic.user}:${basic.password}`).toString('base64');
      this.headers.authorization = `Basic ${encoded}`;
      this.secrets.push(basic.password, encoded);
    }
    if (opts.orgId !== undefined) this.headers['x-grafana-org-id'] = String(opts.orgId);
  }

  /** Removes any credential from text that is about to be shown. */
  redact(text: string): string {
    return this.secrets.reduce((t, s) => (s ? t.split(s).join('***') : t), text);
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

  async request(method: string, path: string, body?: unknown): Promise<GrafanaResponse> {
    const { fetch } = await undici();
    const dispatcher = await this.agent();
    const retries = this.opts.retries ?? 3;
    const backoff = this.opts.backoffMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      let res;
      try {
        res = await fetch(`${this.base}${path}`, {
          method,
          headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
          ...(dispatcher ? { dispatcher } : {}),
        });
      } catch (err) {
        if (attempt < retries) {
          await sleep(backoff * 2 ** attempt);
          continue;
        }
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        const cause = timedOut
          ? `no answer within ${(this.opts.timeoutMs ?? 15_000) / 1000} s after ${attempt + 1} tries (raise --timeout if Grafana is slow)`
          : err instanceof Error
            ? ((err.cause as Error | undefined)?.message ?? err.message)
            : String(err);
        throw new GrafanaHttpError(method, path, 0, undefined, this.redact(`${method} ${this.base}${path}: ${cause}`));
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Proxies answer with HTML; keep the text for the error message.
      }
      if ((res.status === 429 || res.status >= 500) && attempt < retries) {
        await sleep(retryAfterMs(res.headers.get('retry-after'), backoff * 2 ** attempt));
        continue;
      }
      return { status: res.status, body: parsed };
    }
  }
}
