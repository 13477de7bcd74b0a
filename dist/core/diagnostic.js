function formatWhere(where) {
  const file = where.line === void 0 ? where.file : `${where.file}:${where.line}`;
  const parts = [file, ...where.path];
  const text = parts.join(" \u203A ");
  return where.column === void 0 ? text : `${text}, col ${where.column}`;
}
function formatDiagnostic(d) {
  const head = `${d.severity}: ${formatWhere(d.where)}: ${d.message} [${d.check}]`;
  return d.hint ? `${head}
  hint: ${d.hint}` : head;
}
function hasErrors(diagnostics) {
  return diagnostics.some((d) => d.severity === "error");
}
class DacError extends Error {
  diagnostics;
  exitCode;
  constructor(diagnostics, exitCode = 1) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "DacError";
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}
function fail(check, where, message, hint) {
  throw new DacError([{ severity: "error", check, where, message, ...hint ? { hint } : {} }]);
}
export {
  DacError,
  fail,
  formatDiagnostic,
  formatWhere,
  hasErrors
};
