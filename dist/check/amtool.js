import { DacError } from "../core/diagnostic.js";
import { findBinary, runTool } from "./promtool.js";
const AMTOOL = { binary: "amtool", envVar: "DAC_AMTOOL", debianPackage: "prometheus-alertmanager", option: "--amtool" };
function findAmtool(env, given) {
  return findBinary(AMTOOL, env, given);
}
async function checkConfig(file, options = {}) {
  return runTool(options.amtool ?? findAmtool(), ["check-config", file], options);
}
async function routeReceivers(file, labels, options = {}) {
  const pairs = Object.keys(labels).sort().map((k) => `${k}=${labels[k] ?? ""}`);
  const result = await runTool(findAmtool(), ["config", "routes", "test", `--config.file=${file}`, ...pairs], options);
  if (result.code !== 0) {
    throw new DacError([
      {
        severity: "error",
        check: "deliver/amtool",
        where: { file, path: ["route"] },
        message: `amtool could not test routing for ${pairs.join(" ")}: ${(result.stderr || result.stdout).trim()}`
      }
    ]);
  }
  return result.stdout.trim().split(",").map((r) => r.trim()).filter((r) => r !== "");
}
export {
  AMTOOL,
  checkConfig,
  findAmtool,
  routeReceivers
};
