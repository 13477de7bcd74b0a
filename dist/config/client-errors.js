import { parseDuration } from "../core/duration.js";
const CLIENT_ERROR_DEFAULTS = { status: "4..", for: "10m", minRequestRate: 0.1 };
function resolveClientErrorAlert(raw, field) {
  if (raw === void 0) return void 0;
  if (typeof raw !== "object" || raw === null) {
    field("clientErrorAlert", `must be an object, got ${JSON.stringify(raw)}`, 'e.g. clientErrorAlert: { status: "404", ratio: 0.2 }');
    return void 0;
  }
  const resolved = { ...CLIENT_ERROR_DEFAULTS, ...raw };
  if (typeof resolved.ratio !== "number" || !(resolved.ratio > 0 && resolved.ratio < 1))
    field("clientErrorAlert.ratio", `is a share of requests between 0 and 1, got ${String(resolved.ratio)}`, "write 20 % as 0.2");
  if (typeof resolved.status !== "string" || !/^[1-5]/.test(resolved.status) || !validRegex(resolved.status))
    field(
      "clientErrorAlert.status",
      `must be a regex of status codes, got ${JSON.stringify(resolved.status)}`,
      'e.g. "404", "404|410", or "4.." for every client error (it also matches grouped "4xx")'
    );
  try {
    parseDuration(resolved.for);
  } catch {
    field("clientErrorAlert.for", `"${String(resolved.for)}" is not a Prometheus duration`, "e.g. 10m");
  }
  if (typeof resolved.minRequestRate !== "number" || !(resolved.minRequestRate >= 0))
    field("clientErrorAlert.minRequestRate", `must be a number of requests a second, got ${String(resolved.minRequestRate)}`, "e.g. 0.1");
  return resolved;
}
function validRegex(pattern) {
  try {
    new RegExp(`^(?:${pattern})$`);
    return true;
  } catch {
    return false;
  }
}
export {
  CLIENT_ERROR_DEFAULTS,
  resolveClientErrorAlert
};
