/**
 * GET with a bounded time, for the live checks. `https://user:pw@host` is how compose setups write
 * a protected Prometheus; fetch refuses such a URL, so the credentials become a Basic header and
 * never appear in a message (the caller shows the URL it was given with them hidden).
 */

export class LiveReadError extends Error {
  override name = 'LiveReadError';
  /** `--metrics-url` or `--prometheus-url`: which source could not be read. */
  flag: string | undefined;
  constructor(message: string, flag?: string) {
    super(message);
    this.flag = flag;
  }
}

export interface LiveEndpoint {
  /** The URL without credentials. */
  url: URL;
  headers: Record<string, string>;
  /** The URL as it may be shown. */
  shown: string;
}

/** Errors name the flag, never the URL: it may carry a password. */
export function endpoint(raw: string, flag: string): LiveEndpoint {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LiveReadError(`${flag} is not a URL: write it like http://localhost:9090`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LiveReadError(`${flag} is not an http(s) URL`);
  const headers: Record<string, string> = {};
  if (url.username || url.password) {
    const basic = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  return { url, headers, shown: url.href };
}

export async function getText(target: LiveEndpoint, url: URL, accept: string, timeoutMs: number): Promise<string> {
  let res: Response;
  const shown = url.href;
  try {
    res = await fetch(url, { headers: { ...target.headers, accept }, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    const e = err as Error;
    const cause =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `no answer within ${timeoutMs / 1000} s (raise --timeout if the service is slow)`
        : ((e.cause as Error | undefined)?.message ?? e.message);
    throw new LiveReadError(`GET ${shown}: ${cause}`);
  }
  const text = await res.text();
  if (!res.ok) {
    const why = res.status === 401 || res.status === 403 ? ' (credentials missing or refused)' : '';
    throw new LiveReadError(`GET ${shown}: HTTP ${res.status}${why} ${text.slice(0, 200).trim()}`);
  }
  return text;
}
