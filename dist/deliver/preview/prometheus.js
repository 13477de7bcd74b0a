import { resolveVariables } from "./grafana/variables.js";
import { seriesName } from "./data.js";
class PrometheusUnreachable extends Error {
}
class PrometheusSource {
  constructor(options) {
    this.options = options;
    const url = new URL(options.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`--prometheus-url must be http(s), got ${url.protocol}`);
    this.authorization = url.username || url.password ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}` : void 0;
    url.username = "";
    url.password = "";
    this.base = url;
  }
  options;
  synthetic = false;
  base;
  authorization;
  /** The URL without credentials, for messages. */
  get shownUrl() {
    return this.base.toString().replace(/\/$/, "");
  }
  async variables(list, range, macros) {
    return resolveVariables(
      list,
      {
        datasourceUid: this.options.datasourceUid ?? "prometheus",
        labelValues: async (label, match) => {
          const params = new URLSearchParams({ start: String(range.fromMs / 1e3), end: String(range.toMs / 1e3) });
          if (match !== void 0) params.append("match[]", match);
          const data = await this.get(`api/v1/label/${encodeURIComponent(label)}/values`, params);
          return data.slice().sort();
        }
      },
      macros
    );
  }
  async run(query) {
    const base = { refId: query.refId, kind: query.kind, expr: query.expr };
    try {
      const params = query.kind === "range" ? new URLSearchParams({
        query: query.expr,
        start: String(alignDown(query.range.fromMs, query.stepMs) / 1e3),
        end: String(alignDown(query.range.toMs, query.stepMs) / 1e3),
        step: String(query.stepMs / 1e3)
      }) : new URLSearchParams({ query: query.expr, time: String(query.range.toMs / 1e3) });
      const data = await this.get(query.kind === "range" ? "api/v1/query_range" : "api/v1/query", params);
      return { ...base, series: toSeries(data, query) };
    } catch (err) {
      if (err instanceof PrometheusUnreachable) throw err;
      return { ...base, series: [], error: err.message };
    }
  }
  async get(path, params) {
    const url = new URL(path, this.base.toString().endsWith("/") ? this.base : `${this.base.toString()}/`);
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        body: params,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...this.authorization ? { authorization: this.authorization } : {}
        },
        signal: AbortSignal.timeout(this.options.timeoutMs)
      });
    } catch (err) {
      const cause = err.cause?.code ?? err.message;
      throw new PrometheusUnreachable(`cannot reach Prometheus at ${this.shownUrl}: ${cause}`);
    }
    const text = await response.text();
    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new PrometheusUnreachable(`${this.shownUrl} answered HTTP ${response.status} without Prometheus JSON: is it a Prometheus?`);
    }
    if (answer.status !== "success") throw new Error(answer.error ?? `HTTP ${response.status}`);
    return answer.data;
  }
}
function alignDown(ms, stepMs) {
  return Math.floor(ms / stepMs) * stepMs;
}
const number = (v) => Number(v);
function toSeries(data, query) {
  const make = (labels, samples) => ({
    refId: query.refId,
    name: seriesName(query.legendFormat, labels, query.expr),
    labels,
    times: samples.map(([t]) => Math.round(t * 1e3)),
    values: samples.map(([, v]) => number(v))
  });
  switch (data.resultType) {
    case "matrix":
      return data.result.map((s) => make(s.metric, s.values));
    case "vector":
      return data.result.map((s) => make(s.metric, [s.value]));
    case "scalar":
      return [make({}, [data.result])];
    default:
      return [];
  }
}
export {
  PrometheusSource,
  PrometheusUnreachable
};
