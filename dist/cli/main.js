import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { registerBuildCommand } from "./build.js";
import { registerGrafanaCommands } from "./grafana.js";
import { registerInitCommand } from "./init.js";
import { registerPreviewCommand } from "./preview.js";
import { reportFailure } from "./output.js";
import { registerValidateCommand } from "./validate.js";
function packageVersion() {
  const require2 = createRequire(import.meta.url);
  for (const candidate of ["../../package.json", "../package.json"]) {
    try {
      const pkg = require2(candidate);
      if (pkg.name === "dac") return pkg.version;
    } catch {
    }
  }
  return "unknown";
}
function createProgram() {
  const program = new Command("dac").description("dashboards and alerts as code: TypeScript definitions \u2192 Grafana dashboards, Prometheus rules, Alertmanager config").option("-C, --dir <path>", "project folder holding dac.config.ts, dashboards/ and rules/", ".").version(packageVersion(), "-V, --version").showHelpAfterError().exitOverride();
  registerInitCommand(program);
  registerBuildCommand(program);
  registerValidateCommand(program);
  registerGrafanaCommands(program);
  registerPreviewCommand(program);
  program.addHelpText(
    "after",
    [
      "",
      "Examples:",
      "  $ dac init --name orders --job orders start a project for one service",
      "  $ dac build                          build out/ from dac.config.ts, dashboards/ and rules/",
      "  $ dac build --check                  in CI: fail when the committed out/ is stale",
      "  $ dac validate                       schemas, PromQL and lint, then promtool and amtool",
      "  $ dac validate --format json         the same findings for machines",
      "  $ GRAFANA_TOKEN=\u2026 dac diff --grafana-url https://grafana.example.com",
      "  $ GRAFANA_TOKEN=\u2026 dac push --grafana-url https://grafana.example.com --prune",
      "  $ dac --dir ../other build           build another project",
      "",
      "Grafana credentials come from GRAFANA_TOKEN (service-account token) or GRAFANA_USER and",
      "GRAFANA_PASSWORD, and are never printed.",
      ""
    ].join("\n")
  );
  return program;
}
async function main(argv) {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportFailure(err);
  }
}
export {
  createProgram,
  main
};
