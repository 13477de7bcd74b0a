import { readFileSync } from "node:fs";
const undici = () => import("undici");
class GrafanaHttpError extends Error {
  method;
  path;
  status;
  body;
  kind;
  /** What to do about it, one line. */
  fix;
  /** The object it is about, e.g. `dashboard items-api-red`, when it is about one. */
  subject;
  constructor(o) {
    super(o.message);
    this.name = "GrafanaHttpError";
    this.method = o.method;
    this.path = o.path;
    this.status = o.status;
    this.body = o.body;
    this.kind = o.kind ?? (o.status === 0 ? "connection" : o.status === 401 || o.status === 403 ? "credentials" : "refused");
    this.fix = o.fix;
    this.subject = o.subject;
  }
}
function authFromEnv(env = process.env) {
  if (env.GRAFANA_TOKEN) return { token: env.GRAFANA_TOKEN };
  if (env.GRAFANA_USER && env.GRAFANA_PASSWORD) return { basic: { user: env.GRAFANA_USER, password: env.GRAFANA_PASSWORD } };
  return {};
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
function userinfoOf(raw) {
  const m = SCHEME.exec(raw);
  const scheme = m ? m[1] : "";
  const after = m ? raw.slice(m[0].length) : raw;
  const at = after.lastIndexOf("@");
  if (at < 0) return { scheme, rest: after };
  const userinfo = after.slice(0, at);
  if (!userinfo.includes(":") && /[/?#]/.test(userinfo)) return { scheme, rest: after };
  return { scheme, userinfo, rest: after.slice(at + 1) };
}
function hideUserinfo(url) {
  const { scheme, userinfo, rest } = userinfoOf(url.trim());
  if (userinfo === void 0) return url;
  return `${scheme ? `${scheme}://` : ""}***@${rest}`;
}
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function splitGrafanaUrl(raw) {
  const { scheme, userinfo, rest } = userinfoOf(raw.trim());
  let url;
  if (/^https?$/i.test(scheme)) {
    try {
      url = new URL(`${scheme}://${rest}`);
    } catch {
      url = void 0;
    }
  }
  if (!url || url.hostname === "")
    throw new Error(`the Grafana URL "${hideUserinfo(raw)}" is not an http(s) URL: write it like https://grafana.example.com`);
  url.search = "";
  url.hash = "";
  let basic;
  if (userinfo !== void 0) {
    const colon = userinfo.indexOf(":");
    basic = colon < 0 ? { user: decoded(userinfo), password: "" } : { user: decoded(userinfo.slice(0, colon)), password: decoded(userinfo.slice(colon + 1)) };
  }
  return {
    base: url.href.replace(/\/+$/, ""),
    ...basic ? { basic } : {},
    ...userinfo !== void 0 ? { written: userinfo } : {}
  };
}
function retryAfterMs(header, fallback) {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0) * 1e3, 3e4);
  const at = Date.parse(header);
  return Number.isNaN(at) ? fallback : Math.min(Math.max(at - Date.now(), 0), 3e4);
}
const RETRY_STATUS = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
const REACH_FIX = "check --grafana-url and that Grafana is up and reachable from here";
const PATH_FIX = "check what sits between dac and Grafana (proxy, load balancer), or raise --timeout if Grafana is slow";
function transportFailure(err, timeoutMs, body) {
  const e = err;
  if (e?.name === "TimeoutError" || e?.name === "AbortError") {
    const partial = body ? ` (${body.received}${body.expected === void 0 ? "" : ` of ${body.expected}`} bytes of the answer had come)` : "";
    return { text: `no complete answer within ${timeoutMs / 1e3} s${partial}`, retry: true, fix: PATH_FIX };
  }
  const code = e?.cause?.code ?? e?.code ?? "";
  const said = e?.cause?.message ?? e?.message ?? String(err);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO|HOSTNAME_MISMATCH/i.test(code))
    return {
      text: `TLS failed: ${said}`,
      retry: false,
      fix: "pass --ca-file with the CA that signed Grafana's certificate (--insecure only for a test server)"
    };
  if (code === "ENOTFOUND") return { text: `host not found (${said})`, retry: false, fix: REACH_FIX };
  if (body)
    return {
      text: `the answer was cut off after ${body.received}${body.expected === void 0 ? "" : ` of ${body.expected}`} bytes (${said})`,
      retry: true,
      fix: PATH_FIX
    };
  if (code === "ECONNREFUSED") return { text: `connection refused (${said})`, retry: true, fix: REACH_FIX };
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE")
    return { text: `the connection was closed before Grafana answered (${said})`, retry: true, fix: PATH_FIX };
  return { text: said, retry: true, fix: REACH_FIX };
}
class GrafanaHttp {
  constructor(opts) {
    this.opts = opts;
    const { base, basic: fromUrl, written } = splitGrafanaUrl(opts.url);
    this.base = base;
    this.ca = opts.caFile ? readFileSync(opts.caFile, "utf8") : void 0;
    this.headers = { accept: "application/json" };
    if (written?.includes(":")) this.addSecret(written.slice(written.indexOf(":") + 1));
    if (fromUrl?.password) this.addSecret(fromUrl.password);
    const basic = opts.auth.basic ?? (opts.auth.token ? void 0 : fromUrl);
    if (opts.auth.token) {
      this.headers.authorization = `Bearer ${opts.auth.token}`;
      this.addSecret(opts.auth.token);
    } else if (basic) {
      const encoded = Buffer.from(`${basic.user}:${basic.password}`).toString("base64");
      this.headers.authorization = `Basic ${encoded}`;
      this.addSecret(basic.password);
      this.addSecret(encoded);
    }
    if (opts.orgId !== void 0) this.headers["x-grafana-org-id"] = String(opts.orgId);
  }
  opts;
  /** The server's URL as shown in messages: never with credentials. */
  base;
  dispatcher;
  ca;
  headers;
  secrets = [];
  /** A secret in every form it can be echoed in: as is, URL-encoded, inside a JSON string. */
  addSecret(secret) {
    if (!secret) return;
    const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
    for (const f of forms) if (!this.secrets.includes(f)) this.secrets.push(f);
    this.secrets.sort((a, b) => b.length - a.length);
  }
  /** Removes any credential from text that is about to be shown. */
  redact(text) {
    return this.secrets.reduce((t, s) => t.split(s).join("***"), text);
  }
  agent() {
    const { ca } = this;
    const { insecure } = this.opts;
    this.dispatcher ??= ca || insecure ? undici().then(({ Agent }) => new Agent({ connect: { ...ca ? { ca } : {}, rejectUnauthorized: !insecure } })) : Promise.resolve(void 0);
    return this.dispatcher;
  }
  get timeoutMs() {
    return this.opts.timeoutMs ?? 15e3;
  }
  /**
   * One request, retried on transport failures (refused, reset, cut off, timed out) and on 429 and
   * 5xx answers. Retried writes must be safe to repeat: the callers make them so. Error answers
   * are redacted before anyone reads them: a server or proxy that echoes the Authorization header
   * cannot leak it into a message.
   */
  async request(method, path, body) {
    const { fetch } = await undici();
    const dispatcher = await this.agent();
    const retries = this.opts.retries ?? 3;
    const backoff = this.opts.backoffMs ?? 250;
    const timeoutMs = this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      let status;
      let retryAfter;
      let text;
      let reading;
      try {
        const res = await fetch(`${this.base}${path}`, {
          method,
          headers: body === void 0 ? this.headers : { ...this.headers, "content-type": "application/json" },
          ...body === void 0 ? {} : { body: JSON.stringify(body) },
          signal: AbortSignal.timeout(timeoutMs),
          ...dispatcher ? { dispatcher } : {}
        });
        status = res.status;
        retryAfter = res.headers.get("retry-after");
        const length = res.headers.get("content-length");
        reading = { received: 0, expected: length === null ? void 0 : Number(length) };
        const chunks = [];
        if (res.body)
          for await (const chunk of res.body) {
            chunks.push(chunk);
            reading.received += chunk.byteLength;
          }
        text = Buffer.concat(chunks).toString("utf8");
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
          kind: "connection",
          message: this.redact(`${method} ${this.base}${path}: ${failure.text}${tries > 1 ? `, after ${tries} tries` : ""}`),
          fix: failure.fix
        });
      }
      if (RETRY_STATUS.has(status) && attempt < retries) {
        await sleep(retryAfterMs(retryAfter, backoff * 2 ** attempt));
        continue;
      }
      const shown = status >= 300 ? this.redact(text) : text;
      let parsed = shown;
      try {
        parsed = shown ? JSON.parse(shown) : void 0;
      } catch {
      }
      return { status, body: parsed };
    }
  }
}
export {
  GrafanaHttp,
  GrafanaHttpError,
  authFromEnv,
  hideUserinfo,
  splitGrafanaUrl
};
