/**
 * The one finding type every check reports and the CLI prints. `where` locates the finding in
 * the user's terms: a file and a path of objects, e.g.
 * `dashboards/http-overview.ts › dashboard items-api-http-overview › panel "Error rate" › query A`.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Where {
  /** Repository-relative file: a definition module or an emitted file. */
  file: string;
  /** 1-based line in `file`, where known (emitted YAML/JSON). */
  line?: number;
  /** 1-based column inside the object's text (e.g. inside a PromQL expression). */
  column?: number;
  /** Object path from outermost to innermost. */
  path: string[];
}

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier of the check, e.g. `promql/syntax`, `dashboard/unit`. */
  check: string;
  where: Where;
  message: string;
  /** What to do about it. */
  hint?: string;
}

export function formatWhere(where: Where): string {
  const file = where.line === undefined ? where.file : `${where.file}:${where.line}`;
  const parts = [file, ...where.path];
  const text = parts.join(' › ');
  return where.column === undefined ? text : `${text}, col ${where.column}`;
}

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.severity}: ${formatWhere(d.where)}: ${d.message} [${d.check}]`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Thrown for bad input; carries located diagnostics so the CLI prints them instead of a stack.
 * The exit code tells findings in the definitions (1) from usage and environment failures (2):
 * a wrong flag, a read-only disk, a folder dac may not replace.
 */
export class DacError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: 1 | 2;
  constructor(diagnostics: Diagnostic[], exitCode: 1 | 2 = 1) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DacError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}

export function fail(check: string, where: Where, message: string, hint?: string): never {
  throw new DacError([{ severity: 'error', check, where, message, ...(hint ? { hint } : {}) }]);
}
