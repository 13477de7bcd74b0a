class LiveReadError extends Error {
  name = "LiveReadError";
  /** `--metrics-url` or `--prometheus-url`: which source could not be read. */
  flag;
  constructor(message, flag) {
    super(message);
    this.flag = flag;
  }
}
function endpoint(raw, flag) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new LiveReadError(`${flag} is not a URL: write it like http://localhost:9090`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new LiveReadError(`${flag} is not an http(s) URL`);
  const headers = {};
  if (url.username || url.password) {
    const basic = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  return { url, headers, shown: url.href };
}
async function getText(target, url, accept, timeoutMs) {
  let res;
  const shown = url.href;
  try {
    res = await fetch(url, { headers: { ...target.headers, accept }, signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (err) {
    const e = err;
    const cause = e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${timeoutMs / 1e3} s (raise --timeout if the service is slow)` : e.cause?.message ?? e.message;
    throw new LiveReadError(`GET ${shown}: ${cause}`);
  }
  const text = await res.text();
  if (!res.ok) {
    const why = res.status === 401 || res.status === 403 ? " (credentials missing or refused)" : "";
    throw new LiveReadError(`GET ${shown}: HTTP ${res.status}${why} ${text.slice(0, 200).trim()}`);
  }
  return text;
}
export {
  LiveReadError,
  endpoint,
  getText
};
