/** How the CLI speaks: diagnostics one way for every command, colour only on a terminal. */
import { createRequire } from 'node:module';
import type { Diagnostic } from '../core/diagnostic.js';
import { DacError, formatWhere } from '../core/diagnostic.js';

/** `--format json` of every command: a finding as given, plus its file, line and column flat, and the location as text. */
export function diagnosticJson(d: Diagnostic): Diagnostic & { file: string; line?: number; column?: number; location: string } {
  return {
    ...d,
    file: d.where.file,
    ...(d.where.line !== undefined ? { line: d.where.line } : {}),
    ...(d.where.column !== undefined ? { column: d.where.column } : {}),
    location: formatWhere(d.where),
  };
}

/** One JSON document on stdout: what `--format json` prints, whatever the outcome. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Colour on a terminal, unless NO_COLOR is set (non-empty) or TERM is dumb. FORCE_COLOR (anything
 * but 0 or false) turns it on anywhere, a CI log included, and wins over NO_COLOR as in node itself;
 * FORCE_COLOR=0 turns it off.
 */
export function useColour(stream: Pick<NodeJS.WriteStream, 'isTTY'> = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}

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

/** dac's own package.json, found from wherever this code runs (src/cli or a bundle in dist/). */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  for (const candidate of ['../../package.json', '../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version: string };
      if (pkg.name === 'dac') return pkg.version;
    } catch {
      // not at this depth
    }
  }
  return 'unknown';
}
