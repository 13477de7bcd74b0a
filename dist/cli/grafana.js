import { execFileSync } from "node:child_process";
import path from "node:path";
import { Option } from "commander";
import { GrafanaClient } from "../deliver/grafana/client.js";
import { authFromEnv, GrafanaHttpError } from "../deliver/grafana/http.js";
import {
  MANAGED_TAG,
  plan,
  push,
  PushFailed,
  survey,
  titleClashes,
  titleClashesWithin
} from "../deliver/grafana/push.js";
import { printDiagnostics } from "./output.js";
import { buildProject } from "../pipeline.js";
function addGrafanaOptions(cmd) {
  return cmd.addOption(new Option("--grafana-url <url>", "Grafana base URL").env("GRAFANA_URL")).option("--ca-file <pem>", "CA certificate that signed Grafana\u2019s TLS certificate").option("--insecure", "skip TLS certificate verification (only for test servers)").option("--timeout <seconds>", "per-request timeout", "15").addOption(new Option("--org-id <id>", "Grafana organisation id").env("GRAFANA_ORG_ID"));
}
class UsageError extends Error {
}
function positiveFlag(flag, raw, integer) {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n <= 0 || integer && !Number.isInteger(n))
    throw new UsageError(`${flag} must be a positive ${integer ? "whole number" : "number"}, got "${raw}"`);
  return n;
}
function clientFrom(flags) {
  if (!flags.grafanaUrl) throw new UsageError("no Grafana URL: pass --grafana-url or set GRAFANA_URL");
  const timeoutMs = positiveFlag("--timeout", flags.timeout, false) * 1e3;
  const orgId = flags.orgId === void 0 ? void 0 : positiveFlag("--org-id", flags.orgId, true);
  try {
    return new GrafanaClient({
      url: flags.grafanaUrl,
      auth: authFromEnv(),
      ...flags.caFile ? { caFile: flags.caFile } : {},
      insecure: Boolean(flags.insecure),
      timeoutMs,
      ...orgId === void 0 ? {} : { orgId }
    });
  } catch (err) {
    const unreadable = err.code === "ENOENT" || err.code === "EACCES";
    throw new UsageError(unreadable ? `cannot read --ca-file ${flags.caFile}: ${err.message}` : err.message);
  }
}
async function deliverables(dir) {
  const { model } = await buildProject(path.resolve(dir));
  return {
    items: model.dashboards.map((d) => ({ json: d.json, folder: d.service.grafanaFolder })),
    project: model.project?.tag ?? MANAGED_TAG,
    sources: new Map(model.dashboards.map((d) => [d.ref.uid, d.source]))
  };
}
function commitMessage(dir) {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"]
    }).trim();
    return `dac push from commit ${commit}`;
  } catch {
    return "dac push";
  }
}
const exitFor = (err) => err.kind === "refused" ? 1 : 2;
function grafanaDiagnostic(err, grafana, sources) {
  const uid = /^dashboard (\S+)/.exec(err.subject ?? "")?.[1];
  const file = (uid && sources.get(uid)) ?? grafana;
  return {
    severity: "error",
    check: `grafana/${err.kind}`,
    where: { file, path: uid ? [`dashboard ${uid}`] : [] },
    message: err.message,
    ...err.fix ? { hint: err.fix } : {}
  };
}
const line = (action, uid, title) => `${action.padEnd(7)} ${uid} (${title})
`;
function printDone(done, folders) {
  for (const f of folders) process.stdout.write(line("create", `folder ${f.uid}`, f.title));
  for (const s of done) process.stdout.write(line(s.action, s.uid, s.title));
}
function progress() {
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      if (!tty || total < 20) return;
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\rpushed ${done}/${total}`);
    },
    end() {
      if (shown) process.stderr.write("\r\x1B[K");
    }
  };
}
class Session {
  grafana = "grafana";
  sources = /* @__PURE__ */ new Map();
  async connect(flags, dir) {
    const client = clientFrom(flags);
    this.grafana = client.http.base;
    await client.checkCredentials();
    const delivery = await deliverables(dir);
    for (const [uid, source] of delivery.sources) this.sources.set(uid, source);
    return { client, delivery };
  }
}
async function guarded(run) {
  const session = new Session();
  const report = (errors) => printDiagnostics(errors.map((e) => grafanaDiagnostic(e, session.grafana, session.sources)));
  try {
    return await run(session);
  } catch (err) {
    if (err instanceof PushFailed) {
      printDone(err.done, err.folders);
      const count = (a) => err.done.filter((s) => s.action === a).length;
      process.stdout.write(
        `push stopped: created ${count("create")}, updated ${count("update")}, deleted ${count("delete")} before it stopped; ${err.skipped} change(s) not tried
`
      );
      report(err.failures);
      return Math.max(...err.failures.map(exitFor));
    }
    if (err instanceof GrafanaHttpError) {
      report([err]);
      return exitFor(err);
    }
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}
`);
      return 2;
    }
    throw err;
  }
}
function registerGrafanaCommands(program) {
  const dir = () => program.opts().dir;
  addGrafanaOptions(program.command("diff")).description("compare the generated dashboards with a live Grafana (ignores id, version and server metadata); exit 1 on drift").option("--prune", "also report dashboards of this project that are no longer defined").addHelpText(
    "after",
    "\nExit codes: 0 no drift, 1 drift, 2 Grafana unreachable, credentials refused or a usage error.\n\nExample:\n  $ GRAFANA_TOKEN=\u2026 dac diff --grafana-url https://grafana.example.com\n"
  ).action(async (flags) => {
    process.exitCode = await guarded(async (session) => {
      const { client, delivery } = await session.connect(flags, dir());
      const steps = await plan(client, delivery.items, { prune: Boolean(flags.prune), concurrency: 4, project: delivery.project });
      for (const s of steps.filter((x) => x.action !== "unchanged")) {
        process.stdout.write(line(s.action, s.uid, s.title));
        if (s.diff) process.stdout.write(`${s.diff.replace(/^/gm, "    ")}
`);
      }
      const drift = steps.filter((s) => s.action !== "unchanged").length;
      process.stdout.write(drift === 0 ? `no drift: ${steps.length} dashboard(s) match.
` : `
${drift} dashboard(s) differ.
`);
      return drift === 0 ? 0 : 1;
    });
  });
  addGrafanaOptions(program.command("push")).description("create or update the generated dashboards in Grafana by uid, folders included; idempotent").option("--prune", "delete dashboards of this project (tagged dac-project:<project>) that are no longer defined").option("--dry-run", "print what a push would do, and write nothing").option("--concurrency <n>", "requests in flight at once", "4").addHelpText(
    "after",
    "\nExit codes: 0 pushed, 1 Grafana refused a dashboard (a title clash, a change made in Grafana meanwhile), 2 Grafana\nunreachable, credentials refused or a usage error. A push that stops prints what it changed first.\n\nExample:\n  $ GRAFANA_TOKEN=\u2026 dac push --grafana-url https://grafana.example.com --prune\n"
  ).action(async (flags) => {
    process.exitCode = await guarded(async (session) => {
      const concurrency = positiveFlag("--concurrency", flags.concurrency, true);
      const { client, delivery } = await session.connect(flags, dir());
      const opts = { prune: Boolean(flags.prune), concurrency, project: delivery.project };
      if (flags.dryRun) {
        const within = titleClashesWithin(delivery.items);
        if (within.length > 0) throw new PushFailed(within, [], [], 0);
        const found = await survey(client, delivery.items, opts);
        const { steps } = found;
        for (const s of steps.filter((x) => x.action !== "unchanged")) process.stdout.write(line(s.action, s.uid, s.title));
        const clashes = titleClashes(delivery.items, found);
        const count = (a) => steps.filter((s) => s.action === a).length;
        process.stdout.write(
          `dry run: would create ${count("create")}, update ${count("update")}, delete ${count("delete")}, leave ${count("unchanged")} unchanged; nothing was written
`
        );
        if (clashes.length > 0) throw new PushFailed(clashes, [], [], 0);
        return 0;
      }
      const bar = progress();
      let summary;
      try {
        summary = await push(client, delivery.items, { ...opts, message: commitMessage(path.resolve(dir())), onProgress: bar.update });
      } finally {
        bar.end();
      }
      printDone(
        summary.items.filter((x) => x.action !== "unchanged"),
        summary.folders
      );
      process.stdout.write(
        `created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, deleted ${summary.deleted}
`
      );
      return 0;
    });
  });
}
export {
  UsageError,
  addGrafanaOptions,
  clientFrom,
  deliverables,
  grafanaDiagnostic,
  positiveFlag,
  registerGrafanaCommands
};
