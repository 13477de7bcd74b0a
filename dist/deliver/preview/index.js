import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pageAssets } from "./bundle.js";
import { previewDashboard } from "./dashboard.js";
import { dashboardPage, indexPage, panelErrors } from "./page.js";
import { PrometheusSource, PrometheusUnreachable } from "./prometheus.js";
import { SyntheticSource } from "./synthetic.js";
function dashboardsFromFiles(files) {
  return [...files.entries()].filter(([file]) => /^dashboards\/[^/]+\.json$/.test(file)).sort(([a], [b]) => a.localeCompare(b)).map(([, text]) => JSON.parse(text));
}
const pageFile = (uid) => `${uid.replace(/[^A-Za-z0-9_-]/g, "_")}.html`;
async function renderPreview(dashboards, options) {
  const assets = await pageAssets();
  mkdirSync(options.outDir, { recursive: true });
  const result = { pages: [], failures: [], dashboards: [] };
  const entries = [];
  for (const json of dashboards) {
    const d = await previewDashboard(json, options.source, {
      nowMs: options.nowMs,
      ...options.scrapeIntervalMs ? { scrapeIntervalMs: options.scrapeIntervalMs } : {}
    });
    const file = pageFile(d.uid || d.title);
    writeFileSync(
      path.join(options.outDir, file),
      dashboardPage(d, { assets, indexHref: "index.html", ...options.liveReload ? { liveReload: options.liveReload } : {} })
    );
    let errors = 0;
    for (const panel of d.panels) {
      for (const message of panelErrors(panel)) {
        errors++;
        result.failures.push({
          dashboard: d.title,
          uid: d.uid,
          panel: panel.title + (panel.repeatLabel ? ` [${panel.repeatLabel}]` : ""),
          message
        });
      }
    }
    entries.push({
      file,
      title: d.title,
      uid: d.uid,
      panels: d.panels.filter((p) => p.kind === "panel").length,
      errors,
      description: d.description
    });
    result.pages.push({ uid: d.uid, title: d.title, file: path.join(options.outDir, file) });
    result.dashboards.push(d);
  }
  writeFileSync(path.join(options.outDir, "index.html"), indexPage(entries, options.source.synthetic, options.liveReload));
  return result;
}
export {
  PrometheusSource,
  PrometheusUnreachable,
  SyntheticSource,
  dashboardsFromFiles,
  pageFile,
  renderPreview
};
