/**
 * Findings for CI systems: GitHub Actions workflow commands (annotations on the pull request) and
 * SARIF 2.1.0 (code scanning and other SARIF readers). Both locate a finding by the project-relative
 * file, and by line where the check knows it; the object path (dashboard › panel › query) goes into
 * the message, since neither format has a place for it that readers show. A finding's column counts
 * inside the object's text (a PromQL expression), not the file's line, so it goes into the message
 * too: given as a file column, it would underline the wrong characters.
 */
import type { Diagnostic, Severity } from '../core/diagnostic.js';

/** A file dac reports about, or something that is not a file (a Grafana or /metrics URL). */
const isUrl = (file: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(file);

function describe(d: Diagnostic): string {
  const column = d.where.column === undefined ? '' : `${d.where.path.length > 0 ? ', ' : ''}col ${d.where.column}`;
  const where = d.where.path.length > 0 || column ? `${d.where.path.join(' › ')}${column}: ` : '';
  return `${where}${d.message}${d.hint ? `\nfix: ${d.hint}` : ''}`;
}

// GitHub's rules for workflow commands: data escapes %, CR and LF; a property also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** One `::error file=…,line=…,title=…::message` line per finding (`::notice` for an info). */
export function githubAnnotations(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props: [string, string][] = [];
      if (!isUrl(d.where.file)) {
        props.push(['file', d.where.file]);
        if (d.where.line !== undefined) props.push(['line', String(d.where.line)]);
      }
      props.push(['title', `dac ${d.check}`]);
      const text = isUrl(d.where.file) ? `${d.where.file}: ${describe(d)}` : describe(d);
      return `::${GITHUB_COMMAND[d.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(text)}\n`;
    })
    .join('');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A project-relative path as a URI reference: each segment percent-encoded, slashes kept. */
const uriOf = (file: string) => (isUrl(file) ? file : file.split('/').map(encodeURIComponent).join('/'));

/** A SARIF 2.1.0 log with one run: dac as the tool, each check that reported as a rule. */
export function sarifLog(diagnostics: readonly Diagnostic[], version: string): string {
  const ruleIds = [...new Set(diagnostics.map((d) => d.check))].sort();
  const results = diagnostics.map((d) => {
    const region = d.where.line === undefined ? undefined : { startLine: d.where.line };
    return {
      ruleId: d.check,
      ruleIndex: ruleIds.indexOf(d.check),
      level: SARIF_LEVEL[d.severity],
      message: { text: describe(d) },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: uriOf(d.where.file) }, ...(region ? { region } : {}) },
          ...(d.where.path.length > 0 ? { logicalLocations: [{ fullyQualifiedName: d.where.path.join(' › ') }] } : {}),
        },
      ],
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dac',
            version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: `dac check ${id}` } })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
