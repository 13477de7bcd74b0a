import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkConfig, findAmtool } from "./amtool.js";
import { checkRules, findPromtool, testFileProblems, testRules, toolVersion } from "./promtool.js";
import { DacError } from "../core/diagnostic.js";
const isRuleFile = (p) => p.startsWith("rules/") && /\.ya?ml$/.test(p);
const isTestFile = (p) => p.startsWith("tests/") && /\.test\.ya?ml$/.test(p);
const ALERTMANAGER = "alertmanager/alertmanager.yml";
async function runTools(files, choice = {}) {
  const missing = [];
  const locate = (find) => {
    try {
      return find();
    } catch (err) {
      if (err instanceof DacError) {
        missing.push(...err.diagnostics);
        return void 0;
      }
      throw err;
    }
  };
  const paths = [...files.keys()].sort();
  const needsPromtool = paths.some((p) => isRuleFile(p) || isTestFile(p));
  const needsAmtool = files.has(ALERTMANAGER);
  const promtool = needsPromtool ? locate(() => findPromtool(process.env, choice.promtool)) : void 0;
  const amtool = needsAmtool ? locate(() => findAmtool(process.env, choice.amtool)) : void 0;
  const used = [];
  for (const [tool, p] of [
    ["promtool", promtool],
    ["amtool", amtool]
  ]) {
    if (p === void 0) continue;
    const version = await toolVersion(p);
    used.push({ tool, path: p, ...version ? { version } : {} });
  }
  const scratch = mkdtempSync(path.join(tmpdir(), "dac-validate-"));
  const diagnostics = [];
  try {
    for (const [p, text] of files) {
      const target = path.join(scratch, p);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const cwd = scratch;
    if (promtool) {
      for (const p of paths.filter(isRuleFile))
        diagnostics.push(...toFindings("tool/promtool-check", p, await checkRules([p], { cwd, promtool })));
      for (const p of paths.filter(isTestFile)) {
        diagnostics.push(...await testFileProblems(path.join(scratch, p), `out/${p}`));
        diagnostics.push(...toFindings("tool/promtool-test", p, await testRules([p], { cwd, promtool })));
      }
    }
    if (amtool) diagnostics.push(...toFindings("tool/amtool", ALERTMANAGER, await checkConfig(ALERTMANAGER, { cwd, amtool })));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { diagnostics, missing, used };
}
function describeTool(t) {
  return `${t.tool} ${t.version ?? "(version not reported)"} (${t.path})`;
}
function toFindings(check, file, result) {
  if (result.code === 0) return [];
  const where = { file: `out/${file}`, path: [] };
  const located = [];
  const rest = [];
  const text = `${result.stdout}
${result.stderr}`;
  const prefix = new RegExp(`^${escapeRegex(file)}:\\s*(\\d+):(\\d+):\\s*(.*)$`);
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    const m = prefix.exec(line.trim());
    if (m) {
      located.push({ severity: "error", check, where: { ...where, line: Number(m[1]), path: objectPath(m[3]) }, message: m[3] });
      continue;
    }
    const t = line.trim();
    if (t === "" || /^(Checking|Unit Testing:)/.test(t) || /^(FAILED|SUCCESS)/.test(t) || /^amtool: error: failed to validate/.test(t)) {
      if (/FAILED:\s*\S/.test(t)) rest.push(t.replace(/^.*FAILED:\s*/, ""));
      continue;
    }
    rest.push(t.startsWith(`${file}: `) ? t.slice(file.length + 2) : t);
  }
  if (rest.length > 0 || located.length === 0) {
    located.push({
      severity: "error",
      check,
      where,
      message: rest.length > 0 ? rest.join("\n  ") : `exited with code ${result.code}`
    });
  }
  return located;
}
function objectPath(message) {
  const m = /group "([^"]*)", rule \d+, "([^"]*)"/.exec(message);
  return m ? [`group ${m[1]}`, `rule ${m[2]}`] : [];
}
function escapeRegex(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
export {
  describeTool,
  runTools,
  toFindings
};
