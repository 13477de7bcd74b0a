import path from "node:path";
import { Option } from "commander";
import { DacError, formatWhere, hasErrors } from "../core/diagnostic.js";
import { checkEmitted, checkModel, sortDiagnostics } from "../check/index.js";
import { LiveReadError, LiveUsageError, runLiveChecks } from "../check/live/index.js";
import { describeTool, runTools } from "../check/tools.js";
import { emitFiles } from "../emit/files.js";
import { assembleModel } from "../model/assemble.js";
import { GrafanaHttpError, hideUserinfo } from "../deliver/grafana/http.js";
import { validateOnGrafana } from "../deliver/grafana/validate.js";
import { addGrafanaOptions, clientFrom, positiveFlag, UsageError } from "./grafana.js";
import { renderDiagnostic, useColour } from "./output.js";
async function validateProject(opts) {
  const root = path.resolve(opts.dir);
  let diagnostics;
  let files;
  let model;
  try {
    model = await assembleModel(root);
    diagnostics = checkModel(model);
    files = emitFiles(model);
    diagnostics.push(...checkEmitted(files));
  } catch (err) {
    if (!(err instanceof DacError)) throw err;
    return { diagnostics: err.diagnostics, tools: "skipped", exitCode: 1 };
  }
  let tools = "skipped";
  let toolsUsed;
  if (opts.tools) {
    const run = await runTools(files, opts.binaries);
    if (run.missing.length > 0) {
      return { diagnostics: sortDiagnostics([...diagnostics, ...run.missing]), tools: "missing", exitCode: 2 };
    }
    diagnostics.push(...run.diagnostics);
    tools = "ran";
    toolsUsed = run.used;
  }
  let grafana;
  if (opts.grafana?.grafanaUrl) {
    const bySource = new Map(model.dashboards.map((d) => [d.ref.uid, d.source]));
    let result;
    try {
      result = await validateOnGrafana(
        clientFrom(opts.grafana),
        model.dashboards.map((d) => ({ json: d.json, folder: d.service.grafanaFolder }))
      );
    } catch (err) {
      if (!(err instanceof UsageError || err instanceof GrafanaHttpError)) throw err;
      const unreached = {
        severity: "error",
        check: "grafana/connection",
        where: { file: hideUserinfo(opts.grafana.grafanaUrl), path: [] },
        message: `Grafana could not validate the dashboards: ${err.message}`,
        hint: err instanceof GrafanaHttpError && err.fix || "fix --grafana-url and the credentials, or leave --grafana-url out to run the other checks alone"
      };
      return { diagnostics: sortDiagnostics([...diagnostics, unreached]), tools, exitCode: 2 };
    }
    grafana = result.note;
    for (const f of result.failures) {
      diagnostics.push({
        severity: "error",
        check: "grafana/dry-run",
        where: { file: bySource.get(f.uid) ?? `out/dashboards/${f.uid}.json`, path: [`dashboard ${f.uid}`] },
        message: `Grafana refused the dashboard: ${f.message}`,
        hint: "fix the definition; Grafana validated it without saving anything"
      });
    }
  }
  let live;
  if (opts.live && (opts.live.metricsUrl !== void 0 || opts.live.prometheusUrl !== void 0)) {
    try {
      const run = await runLiveChecks(model, opts.live);
      diagnostics.push(...run.diagnostics);
      live = run.notes;
    } catch (err) {
      if (!(err instanceof LiveReadError || err instanceof LiveUsageError)) throw err;
      const url = (err instanceof LiveReadError && err.flag === "--prometheus-url" ? opts.live.prometheusUrl : opts.live.metricsUrl) ?? "";
      const unreached = {
        severity: "error",
        check: "live/connection",
        where: { file: hideUserinfo(url || (opts.live.prometheusUrl ?? "")), path: [] },
        message: `the live service could not be read: ${err.message}`,
        hint: err instanceof LiveUsageError ? "fix the flags" : "check the URL (a /metrics endpoint for --metrics-url, the Prometheus base URL for --prometheus-url) and that it answers from here"
      };
      return { diagnostics: sortDiagnostics([...diagnostics, unreached]), tools, ...grafana ? { grafana } : {}, exitCode: 2 };
    }
  }
  diagnostics = sortDiagnostics(diagnostics);
  return {
    diagnostics,
    tools,
    ...toolsUsed ? { toolsUsed } : {},
    ...grafana ? { grafana } : {},
    ...live ? { live } : {},
    exitCode: hasErrors(diagnostics) ? 1 : 0
  };
}
function renderReport(report, format, colour) {
  if (format === "json") {
    const count = (s) => report.diagnostics.filter((d) => d.severity === s).length;
    return `${JSON.stringify(
      {
        ok: report.exitCode === 0,
        tools: report.tools,
        ...report.toolsUsed ? { toolsUsed: report.toolsUsed } : {},
        summary: { errors: count("error"), warnings: count("warning"), infos: count("info") },
        ...report.grafana ? { grafana: report.grafana } : {},
        ...report.live ? { live: report.live } : {},
        diagnostics: report.diagnostics.map((d) => ({ ...d, location: formatWhere(d.where) }))
      },
      null,
      2
    )}
`;
  }
  const lines = report.diagnostics.map((d) => renderDiagnostic(d, colour));
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = report.diagnostics.filter((d) => d.severity === "warning").length;
  const ran = (report.toolsUsed ?? []).map(describeTool);
  const toolNote = report.tools === "ran" ? ran.length > 0 ? `${ran.join(" and ")} passed their checks` : "promtool and amtool passed their checks" : report.tools === "skipped" ? "promtool/amtool skipped" : "a required tool is missing";
  const verdict = report.exitCode === 0 ? `valid: ${warnings} warning${warnings === 1 ? "" : "s"}; ${toolNote}.` : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}${report.tools === "ran" ? "" : `; ${toolNote}`}.`;
  const grafana = report.grafana ? `${report.grafana}
` : "";
  const live = (report.live ?? []).map((l) => `${l}
`).join("");
  const which = report.exitCode !== 0 && report.tools === "ran" && ran.length > 0 ? `checked with ${ran.join(" and ")}
` : "";
  return `${lines.length > 0 ? `${lines.join("\n")}

` : ""}${grafana}${live}${which}${verdict}
`;
}
function liveOptions(flags) {
  if (flags.metricsUrl === void 0 && flags.prometheusUrl === void 0) {
    if (flags.service !== void 0) throw new UsageError("--service only says which service --metrics-url or --prometheus-url reads");
    return void 0;
  }
  return {
    ...flags.metricsUrl !== void 0 ? { metricsUrl: flags.metricsUrl } : {},
    ...flags.prometheusUrl !== void 0 ? { prometheusUrl: flags.prometheusUrl } : {},
    ...flags.service !== void 0 ? { service: flags.service } : {},
    timeoutMs: positiveFlag("--timeout", flags.timeout, false) * 1e3
  };
}
function registerValidateCommand(program) {
  const cmd = addGrafanaOptions(program.command("validate"));
  cmd.options.find((o) => o.long === "--grafana-url").envVar = void 0;
  cmd.description("check every query, dashboard and rule: schemas, PromQL, lint, then promtool and amtool (writes nothing)").addOption(new Option("--format <format>", "output format").choices(["human", "json"]).default("human")).option("--no-tools", "skip promtool and amtool (in-process checks only)").option("--promtool <path>", "the promtool to run (2.42 or newer; default: DAC_PROMTOOL, then the first on PATH)").option("--amtool <path>", "the amtool to run (default: DAC_AMTOOL, then the first on PATH)").option("--metrics-url <url>", "also check every query, rule and SLO against this /metrics page (one service's)").option("--prometheus-url <url>", "also check them against the series and metadata of this Prometheus").option("--service <name>", "the service --metrics-url belongs to (needed when the config has several)").addHelpText(
    "after",
    "\nExit codes: 0 clean, 1 errors found, 2 usage error or promtool/amtool missing.\n\nExamples:\n  $ dac validate                 all checks, coloured on a terminal\n  $ dac validate --format json   for CI and editors\n  $ dac validate --no-tools      fast, without promtool/amtool\n  $ GRAFANA_TOKEN=\u2026 dac validate --grafana-url https://grafana.example.com\n                                 also have Grafana validate every dashboard (dry run, nothing saved)\n  $ dac validate --metrics-url http://localhost:8000/metrics\n  $ dac validate --prometheus-url http://localhost:9090\n                                 also check metric names, labels, types and buckets against the live service\n"
  ).action(
    async (opts) => {
      let live;
      try {
        live = liveOptions(opts);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`error: ${err.message}
`);
        process.exitCode = 2;
        return;
      }
      const report = await validateProject({
        dir: program.opts().dir,
        tools: opts.tools,
        binaries: { ...opts.promtool ? { promtool: opts.promtool } : {}, ...opts.amtool ? { amtool: opts.amtool } : {} },
        grafana: opts,
        ...live ? { live } : {}
      });
      process.stdout.write(renderReport(report, opts.format, opts.format === "human" && useColour(process.stdout)));
      process.exitCode = report.exitCode;
    }
  );
}
export {
  registerValidateCommand,
  renderReport,
  validateProject
};
