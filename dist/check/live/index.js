import { checkLive } from "./checks.js";
import { LiveReadError } from "./http.js";
import { readMetricsPage, readPrometheus } from "./readers.js";
import { LiveReadError as LiveReadError2 } from "./http.js";
class LiveUsageError extends Error {
  name = "LiveUsageError";
}
function selectorOf(service) {
  const matchers = [["job", service.selector.job], ...Object.entries(service.selector.matchers)];
  return `{${matchers.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}}`;
}
function pageService(model, name) {
  if (name !== void 0) {
    const s = model.services.find((x) => x.name === name);
    if (!s) throw new LiveUsageError(`--service ${name}: no such service; the config has ${model.services.map((x) => x.name).join(", ")}`);
    return s;
  }
  if (model.services.length !== 1)
    throw new LiveUsageError(
      `--metrics-url is one service's page: say which with --service (one of ${model.services.map((x) => x.name).join(", ")})`
    );
  return model.services[0];
}
async function flagged(flag, read) {
  try {
    return await read();
  } catch (err) {
    if (err instanceof LiveReadError) err.flag = flag;
    throw err;
  }
}
async function runLiveChecks(model, opts) {
  const diagnostics = [];
  const notes = [];
  const judge = (inventories, source, started) => {
    const result = checkLive(model, inventories);
    diagnostics.push(...result.diagnostics);
    const c = result.checked;
    const seconds = ((Date.now() - started) / 1e3).toFixed(1);
    notes.push(
      `live: ${c.queries} dashboard queries, ${c.rules} rules, ${c.slos} latency SLO${c.slos === 1 ? "" : "s"} and ${c.histograms} declared histogram${c.histograms === 1 ? "" : "s"} checked against ${source} in ${seconds} s`
    );
  };
  if (opts.metricsUrl !== void 0) {
    const started = Date.now();
    const service = pageService(model, opts.service);
    const page = await flagged(
      "--metrics-url",
      () => readMetricsPage(opts.metricsUrl, [...Object.keys(service.selector.matchers), ...service.targetLabels ?? []], {
        timeoutMs: opts.timeoutMs
      })
    );
    for (const e of page.errors) {
      diagnostics.push({
        severity: "warning",
        check: "live/exposition",
        where: { file: page.inventory.source, line: e.line, path: [] },
        message: `line not in the Prometheus text format, skipped: ${e.message}`,
        hint: "Prometheus would refuse this scrape too: fix the exporter"
      });
    }
    judge(/* @__PURE__ */ new Map([[service.name, page.inventory]]), page.inventory.source, started);
  }
  if (opts.prometheusUrl !== void 0) {
    const started = Date.now();
    const services = opts.service === void 0 ? model.services : [pageService(model, opts.service)];
    const selectors = new Map(services.map((s) => [s.name, selectorOf(s)]));
    const { source, inventories } = await flagged(
      "--prometheus-url",
      () => readPrometheus(opts.prometheusUrl, selectors, { timeoutMs: opts.timeoutMs, lookbackSeconds: opts.lookbackSeconds ?? 600 })
    );
    for (const service of services) {
      const inventory = inventories.get(service.name);
      if (inventory.series.size > 0) continue;
      inventories.delete(service.name);
      diagnostics.push({
        severity: "error",
        check: "live/no-series",
        where: { file: model.configFile, path: [`service ${service.name}`, "selector"] },
        message: `${inventory.source}: Prometheus holds no series for this selector in the last ${Math.round((opts.lookbackSeconds ?? 600) / 60)} minutes, so nothing of ${service.name} could be checked`,
        hint: "check that Prometheus scrapes the service under this job (its targets page), or fix the service's selector"
      });
    }
    judge(inventories, source, started);
  }
  if (opts.metricsUrl === void 0 && opts.prometheusUrl === void 0) throw new LiveReadError("no live source given");
  return { diagnostics, notes };
}
export {
  LiveReadError2 as LiveReadError,
  LiveUsageError,
  runLiveChecks,
  selectorOf
};
