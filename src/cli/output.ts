/** How the CLI speaks: diagnostics one way for every command, colour only on a terminal. */
import type { Diagnostic } from '../core/diagnostic.js';
import { DacError, formatWhere } from '../core/diagnostic.js';

export const useColour = (stream: NodeJS.WriteStream = process.stderr): boolean =>
  Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

const paint = (code: number, text: string, on: boolean) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

export function renderDiagnostic(d: Diagnostic, colour = useColour()): string {
  const sev = paint(d.severity === 'error' ? 31 : d.severity === 'warning' ? 33 : 36, d.severity, colour);
  const head = `${sev} ${paint(1, formatWhere(d.where), colour)}\n  ${d.message} ${paint(2, `[${d.check}]`, colour)}`;
  return d.hint ? `${head}\n  ${paint(2, 'fix:', colour)} ${d.hint}` : head;
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], stream: NodeJS.WriteStream = process.stderr): void {
  for (const d of diagnostics) stream.write(`${renderDiagnostic(d, useColour(stream))}\n`);
}

/**
 * Last line of defence: bad input arrives as a DacError and is printed as located findings; anything
 * else is a dac bug, reported with its stack so it can be fixed.
 */
export function reportFailure(err: unknown): number {
  if (err instanceof DacError) {
    printDiagnostics(err.diagnostics);
    const n = err.diagnostics.filter((d) => d.severity === 'error').length;
    process.stderr.write(`\n${n} error${n === 1 ? '' : 's'}; out/ was left unchanged.\n`);
    return err.exitCode;
  }
  process.stderr.write(`dac: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 3;
}
