import { mkdirSync } from "node:fs";
import path from "node:path";
import { Option } from "commander";
import {
  dashboardsFromFiles,
  PrometheusSource,
  PrometheusUnreachable,
  renderPreview,
  SyntheticSource
} from "../deliver/preview/index.js";
import { changedDashboards, dashboardsAt } from "../deliver/preview/changed.js";
import { BrowserMissing, openBrowser } from "../deliver/preview/screenshot.js";
import { RELOAD_SCRIPT, servePreview } from "../deliver/preview/serve.js";
import { parseDuration, parseTimeBound } from "../deliver/preview/grafana/time.js";
import { buildProject } from "../pipeline.js";
import { printDiagnostics } from "./output.js";
import { positiveFlag, UsageError } from "./grafana.js";
const say = (line) => process.stdout.write(`${line}
`);
const rel = (p) => path.relative(process.cwd(), p) || ".";
function sourceFrom(flags) {
  if (!flags.prometheusUrl) return new SyntheticSource();
  const timeoutMs = positiveFlag("--timeout", flags.timeout, false) * 1e3;
  try {
    return new PrometheusSource({ url: flags.prometheusUrl, timeoutMs });
  } catch (err) {
    throw new UsageError(`--prometheus-url: ${err.message}`);
  }
}
function nowFrom(flags) {
  if (!flags.at) return Date.now();
  try {
    return parseTimeBound(flags.at, Date.now());
  } catch {
    throw new UsageError(`--at must be an ISO date or epoch milliseconds, got "${flags.at}"`);
  }
}
function printFailures(failures) {
  printDiagnostics(
    failures.map((f) => ({
      severity: "error",
      check: "preview/query",
      where: { file: `dashboard ${f.uid}`, path: [`panel "${f.panel}"`] },
      message: f.message,
      hint: "run the query in Prometheus to see why; the panel shows the same error"
    }))
  );
}
async function screenshots(results) {
  const problems = [];
  const browser = await openBrowser();
  try {
    for (const { result, pngDir } of results) {
      mkdirSync(pngDir, { recursive: true });
      for (const page of result.pages) {
        const shot = await browser.shoot(page.file, path.join(pngDir, `${path.basename(page.file, ".html")}.png`));
        for (const e of [...shot.consoleErrors, ...shot.state?.errors ?? []]) problems.push(`${page.uid}: ${e}`);
        say(`picture ${rel(shot.png)}`);
      }
    }
  } finally {
    await browser.close();
  }
  return problems;
}
async function runPreview(dir, flags) {
  const root = path.resolve(dir);
  const outDir = path.resolve(flags.outDir);
  const source = sourceFrom(flags);
  const nowMs = nowFrom(flags);
  let scrapeIntervalMs;
  try {
    scrapeIntervalMs = parseDuration(flags.scrapeInterval);
  } catch {
    throw new UsageError(`--scrape-interval must be a duration such as 15s, got "${flags.scrapeInterval}"`);
  }
  const build = async () => {
    const { files, diagnostics } = await buildProject(root);
    printDiagnostics(diagnostics.filter((d) => d.severity === "error"));
    return dashboardsFromFiles(files);
  };
  const render = (dashboards, into, liveReload) => renderPreview(dashboards, { outDir: into, source, nowMs, scrapeIntervalMs, ...liveReload ? { liveReload } : {} });
  try {
    const dashboards = await build();
    const runs = [];
    if (flags.changedSince) {
      const changes = changedDashboards(dashboardsAt(root, flags.out, flags.changedSince), dashboards);
      if (changes.length === 0) say(`no dashboard changed since ${flags.changedSince}`);
      for (const c of changes) say(`${c.change.padEnd(8)} ${c.uid}`);
      const before = await render(
        changes.flatMap((c) => c.before ? [c.before] : []),
        path.join(outDir, "before")
      );
      const after = await render(
        changes.flatMap((c) => c.after ? [c.after] : []),
        path.join(outDir, "after")
      );
      runs.push(
        { result: before, pngDir: path.join(flags.png ?? outDir, "before") },
        { result: after, pngDir: path.join(flags.png ?? outDir, "after") }
      );
      printFailures(after.failures);
      say(`wrote before/after pages of ${changes.length} changed dashboard(s) to ${rel(outDir)}`);
      if (flags.png) await reportShots(await screenshots(runs));
      return after.failures.length > 0 ? 1 : 0;
    }
    const result = await render(dashboards, outDir, flags.serve ? RELOAD_SCRIPT : void 0);
    say(`wrote ${result.pages.length} dashboard page(s) and index.html to ${rel(outDir)}${source.synthetic ? " (synthetic data)" : ""}`);
    printFailures(result.failures);
    let problems = [];
    if (flags.png) problems = await screenshots([{ result, pngDir: path.resolve(flags.png) }]);
    await reportShots(problems);
    if (flags.serve) return await serve(root, outDir, flags, async () => void await render(await build(), outDir, RELOAD_SCRIPT));
    return result.failures.length > 0 || problems.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof PrometheusUnreachable || err instanceof BrowserMissing) {
      process.stderr.write(`error: ${err.message}
`);
      return 2;
    }
    throw err;
  }
}
async function reportShots(problems) {
  for (const p of problems) process.stderr.write(`error: page script: ${p}
`);
}
async function serve(root, outDir, flags, rebuild) {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0\u201365535, got "${flags.port}"`);
  const server = await servePreview({
    root: outDir,
    port,
    watch: ["dac.config.ts", "dashboards", "rules"].map((p) => path.join(root, p)),
    rebuild,
    log: (line) => say(line)
  });
  say(`serving ${server.url} (Ctrl-C to stop); rebuilding when dac.config.ts, dashboards/ or rules/ change`);
  await new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
  return 0;
}
function registerPreviewCommand(program) {
  program.command("preview").description("render every dashboard as a self-contained HTML page (and PNG), laid out as Grafana lays it out").option("--out-dir <dir>", "folder for the pages", "dac-preview").option("-o, --out <dir>", "the output folder the build writes, for --changed-since", "out").addOption(new Option("--prometheus-url <url>", "run every query against this Prometheus (else synthetic data)").env("PROMETHEUS_URL")).option("--timeout <seconds>", "per-request timeout for Prometheus", "15").option("--scrape-interval <duration>", "the data source's scrape interval, as Grafana's $__rate_interval uses it", "15s").option("--at <time>", `the dashboards' "now" (ISO date or epoch ms), for reproducible pictures`).option("--png <dir>", "also write a PNG of each page, from headless Chromium").option("--changed-since <ref>", "only dashboards that differ from the committed out/ at this git ref: before/ and after/ pages").option("--serve", "serve the pages on 127.0.0.1 and rebuild them when a definition changes").option("--port <port>", "port for --serve (0: any free port)", "3210").addHelpText(
    "after",
    [
      "",
      "Examples:",
      "  $ dac preview                                    synthetic data, pages in dac-preview/",
      "  $ dac preview --prometheus-url http://localhost:9090 --png shots/",
      "  $ dac preview --changed-since origin/main --png shots/   before/after of what a PR changes",
      "  $ dac preview --serve                            live reload while editing",
      ""
    ].join("\n")
  ).action(async (flags) => {
    try {
      process.exitCode = await runPreview(program.opts().dir, flags);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      process.stderr.write(`error: ${err.message}
`);
      process.exitCode = 2;
    }
  });
}
export {
  registerPreviewCommand,
  runPreview
};
