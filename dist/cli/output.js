import { DacError, formatWhere } from "../core/diagnostic.js";
const useColour = (stream = process.stderr) => Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";
const paint = (code, text, on) => on ? `\x1B[${code}m${text}\x1B[0m` : text;
function renderDiagnostic(d, colour = useColour()) {
  const sev = paint(d.severity === "error" ? 31 : d.severity === "warning" ? 33 : 36, d.severity, colour);
  const head = `${sev} ${paint(1, formatWhere(d.where), colour)}
  ${d.message} ${paint(2, `[${d.check}]`, colour)}`;
  return d.hint ? `${head}
  ${paint(2, "fix:", colour)} ${d.hint}` : head;
}
function printDiagnostics(diagnostics, stream = process.stderr) {
  for (const d of diagnostics) stream.write(`${renderDiagnostic(d, useColour(stream))}
`);
}
function reportFailure(err) {
  if (err instanceof DacError) {
    printDiagnostics(err.diagnostics);
    const n = err.diagnostics.filter((d) => d.severity === "error").length;
    process.stderr.write(`
${n} error${n === 1 ? "" : "s"}; out/ was left unchanged.
`);
    return err.exitCode;
  }
  process.stderr.write(`dac: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}
`);
  return 3;
}
export {
  printDiagnostics,
  renderDiagnostic,
  reportFailure,
  useColour
};
