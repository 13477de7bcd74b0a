import { inventoryFromExposition } from "./exposition.js";
import { endpoint, getText, LiveReadError } from "./http.js";
import { addSeries } from "./inventory.js";
const EXPOSITION_ACCEPT = "text/plain;version=0.0.4;q=0.9,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";
async function readMetricsPage(rawUrl, targetLabels, opts) {
  const target = endpoint(rawUrl, "--metrics-url");
  const text = await getText(target, target.url, EXPOSITION_ACCEPT, opts.timeoutMs);
  const parsed = inventoryFromExposition(text, target.shown, targetLabels);
  if (parsed.samples === 0 && parsed.types.size === 0)
    throw new LiveReadError(`GET ${target.shown}: the answer holds no metric; is this the /metrics endpoint?`);
  return { inventory: parsed, errors: parsed.errors };
}
async function api(target, path, params, opts) {
  const url = new URL(target.url.href.replace(/\/+$/, "") + path);
  for (const [k, v] of params) url.searchParams.append(k, v);
  const text = await getText(target, url, "application/json", opts.timeoutMs);
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new LiveReadError(
      `GET ${url.href}: not a Prometheus API answer (not JSON); give the Prometheus base URL, e.g. http://localhost:9090`
    );
  }
  if (answer.status !== "success" || answer.data === void 0)
    throw new LiveReadError(`GET ${url.href}: Prometheus answered ${answer.status ?? "nothing"}: ${answer.error ?? ""}`.trim());
  return answer.data;
}
async function readPrometheus(rawUrl, selectors, opts) {
  const target = endpoint(rawUrl, "--prometheus-url");
  const base = target.shown.replace(/\/+$/, "");
  const end = (opts.now ?? /* @__PURE__ */ new Date()).getTime() / 1e3;
  const start = end - opts.lookbackSeconds;
  const metadata = await api(target, "/api/v1/metadata", [], opts);
  const types = /* @__PURE__ */ new Map();
  for (const [name, entries] of Object.entries(metadata)) {
    const type = entries[0]?.type;
    types.set(name, type === "untyped" ? "unknown" : type ?? "unknown");
  }
  const out = /* @__PURE__ */ new Map();
  for (const [service, selector] of selectors) {
    const series = await api(
      target,
      "/api/v1/series",
      [
        ["match[]", selector],
        ["start", start.toFixed(3)],
        ["end", end.toFixed(3)]
      ],
      opts
    );
    const map = /* @__PURE__ */ new Map();
    for (const labels of series) {
      const name = labels["__name__"];
      if (name) addSeries(map, name, Object.entries(labels), types);
    }
    out.set(service, { source: `${base} ${selector}`, targetLabels: /* @__PURE__ */ new Set(), series: map });
  }
  return { source: base, inventories: out };
}
export {
  readMetricsPage,
  readPrometheus
};
