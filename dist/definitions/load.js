import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DacError } from "../core/diagnostic.js";
const CONFIG_NAMES = ["dac.config.ts", "dac.config.mts", "dac.config.js", "dac.config.mjs"];
const MODULE = /^[^._].*\.(ts|mts|js|mjs)$/;
const rel = (root, file) => path.relative(root, file).split(path.sep).join("/");
function describeError(err) {
  if (err instanceof Error) {
    const frame = err.stack?.split("\n").find((l) => /^\s+at /.test(l) && !l.includes("node_modules") && !l.includes("node:"));
    return frame ? `${err.message} (${frame.trim().replace(/^at /, "at ")})` : err.message;
  }
  return String(err);
}
function moduleLoadTimeoutMs() {
  const seconds = Number(process.env.DAC_MODULE_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1e3 : 3e4;
}
class ModuleTimeout extends Error {
}
function bounded(work, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new ModuleTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
const prepareModuleLoader = globalThis[/* @__PURE__ */ Symbol.for("dac.prepareModuleLoader")];
async function importModule(root, file) {
  const limit = moduleLoadTimeoutMs();
  try {
    await prepareModuleLoader?.();
    const mod = await bounded(import(pathToFileURL(file).href), limit);
    return mod.default;
  } catch (err) {
    if (err instanceof ModuleTimeout)
      throw new DacError([
        {
          severity: "error",
          check: "load",
          where: { file: rel(root, file), path: [] },
          message: `the module did not finish loading within ${limit / 1e3} s (a top-level await that never settles?)`,
          hint: "make every top-level await settle, or give it a timeout; set DAC_MODULE_TIMEOUT=<seconds> if loading really takes longer"
        }
      ]);
    if (err instanceof DacError) throw err;
    throw new DacError([
      {
        severity: "error",
        check: "load",
        where: { file: rel(root, file), path: [] },
        message: `the module failed to load: ${describeError(err)}`,
        hint: /require\(\) ES Module|outside a module|ERR_REQUIRE_ESM/.test(String(err)) ? 'definitions are ES modules: add "type": "module" to the package.json of the project' : "fix the error in this module; out/ was left unchanged"
      }
    ]);
  }
}
function listModules(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter(
    (e) => MODULE.test(e.name) && !e.name.endsWith(".d.ts") && (e.isFile() || e.isSymbolicLink() && isFile(path.join(dir, e.name)))
  ).map((e) => path.join(dir, e.name)).sort();
}
function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
function asDefinitions(root, file, value, kind) {
  const values = Array.isArray(value) ? value : [value];
  const helper = kind === "dashboard" ? "defineDashboard" : "defineRules";
  return values.map((v, i) => {
    if (typeof v !== "object" || v === null || v.kind !== kind || typeof v.build !== "function") {
      throw new DacError([
        {
          severity: "error",
          check: "load",
          where: { file: rel(root, file), path: values.length > 1 ? [`export #${i + 1}`] : [] },
          message: `the default export is not a ${kind} definition`,
          hint: `export default ${helper}({ id: '\u2026', \u2026, build(ctx) { \u2026 } })`
        }
      ]);
    }
    return v;
  });
}
function findConfig(root) {
  return CONFIG_NAMES.map((n) => path.join(root, n)).find((f) => existsSync(f));
}
async function loadProject(root) {
  const configFile = findConfig(root);
  if (!configFile) {
    throw new DacError([
      {
        severity: "error",
        check: "load",
        where: { file: "dac.config.ts", path: [] },
        message: `no dac.config.ts in ${root}`,
        hint: "run dac in the project folder, or pass --dir; the config lists the services to monitor"
      }
    ]);
  }
  const problems = [];
  const collect = async (load) => {
    try {
      return await load();
    } catch (err) {
      if (!(err instanceof DacError)) throw err;
      problems.push(...err.diagnostics);
      return void 0;
    }
  };
  const config = { source: rel(root, configFile), value: await collect(() => importModule(root, configFile)) };
  const dashboards = [];
  for (const file of listModules(path.join(root, "dashboards"))) {
    const defs = await collect(async () => asDefinitions(root, file, await importModule(root, file), "dashboard"));
    for (const def of defs ?? []) dashboards.push({ source: rel(root, file), value: def });
  }
  const rules = [];
  for (const file of listModules(path.join(root, "rules"))) {
    const defs = await collect(async () => asDefinitions(root, file, await importModule(root, file), "rules"));
    for (const def of defs ?? []) rules.push({ source: rel(root, file), value: def });
  }
  if (problems.length > 0) throw new DacError(problems);
  return { root, config, dashboards, rules };
}
export {
  CONFIG_NAMES,
  findConfig,
  loadProject,
  moduleLoadTimeoutMs
};
