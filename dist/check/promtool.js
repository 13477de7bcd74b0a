import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { DacError } from "../core/diagnostic.js";
import { isAlert } from "../rules/model.js";
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
function findBinary(spec, env = process.env, given) {
  if (given) {
    if (executable(given)) return given;
    throw missing(spec, `${spec.option} ${given} is not an executable file`);
  }
  const explicit = env[spec.envVar];
  if (explicit) {
    if (executable(explicit)) return explicit;
    throw missing(spec, `${spec.envVar}=${explicit} is not an executable file`);
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, spec.binary);
    if (executable(candidate)) return candidate;
  }
  throw missing(spec, `${spec.binary} was not found on PATH`);
}
function missing(spec, message) {
  return new DacError([
    {
      severity: "error",
      check: `deliver/${spec.binary}`,
      where: { file: spec.binary, path: [] },
      message,
      hint: `install it with apt-get install ${spec.debianPackage} (Debian/Ubuntu), or name the binary with ${spec.option} or ${spec.envVar}`
    }
  ]);
}
function runTool(binary, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => stdout += d);
    child.stderr.setEncoding("utf8").on("data", (d) => stderr += d);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
async function toolVersion(binary) {
  const result = await runTool(binary, ["--version"]);
  return /\bversion (\S+)/.exec(`${result.stdout}
${result.stderr}`)?.[1];
}
const PROMTOOL = { binary: "promtool", envVar: "DAC_PROMTOOL", debianPackage: "prometheus", option: "--promtool" };
function findPromtool(env, given) {
  return findBinary(PROMTOOL, env, given);
}
async function checkRules(files, options = {}) {
  const lint = options.lint === false ? ["--lint=none"] : ["--lint=all", "--lint-fatal"];
  return runTool(options.promtool ?? findPromtool(), ["check", "rules", ...lint, ...files], options);
}
async function testRules(files, options = {}) {
  return runTool(options.promtool ?? findPromtool(), ["test", "rules", ...files], options);
}
async function testFileProblems(testFile, displayName = testFile) {
  const problems = [];
  const at = (path2, message, hint) => problems.push({
    severity: "error",
    check: "promtool/test-file",
    where: { file: displayName, path: path2 },
    message,
    ...hint ? { hint } : {}
  });
  const doc = parse(await readFile(testFile, "utf8"));
  const ruleFiles = doc?.rule_files ?? [];
  if (ruleFiles.length === 0) at(["rule_files"], "names no rule file", "list the rule files under test");
  const alertNames = /* @__PURE__ */ new Set();
  for (const rf of ruleFiles) {
    const file = path.resolve(path.dirname(testFile), rf);
    let text;
    try {
      text = await readFile(file, "utf8");
    } catch {
      at(["rule_files", rf], `rule file ${rf} does not exist`, "promtool would report it, but only if it is run on this file");
      continue;
    }
    const rules = parse(text);
    for (const g of rules?.groups ?? []) for (const r of g.rules ?? []) if (isAlert(r)) alertNames.add(r.alert);
  }
  (doc?.tests ?? []).forEach((t, i) => {
    for (const c of t.alert_rule_test ?? [])
      if (!alertNames.has(c.alertname))
        at(
          [`test ${t.name ?? `#${i + 1}`}`, `alertname ${c.alertname}`],
          `no rule file of this test defines alert ${c.alertname}`,
          "promtool passes such a test silently; fix the alert name or the rule_files list"
        );
  });
  return problems;
}
export {
  PROMTOOL,
  checkRules,
  findBinary,
  findPromtool,
  runTool,
  testFileProblems,
  testRules,
  toolVersion
};
