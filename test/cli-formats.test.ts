/**
 * What CI and terminals read: `dac validate --format github` (workflow-command annotations) and
 * `--format sarif` (SARIF 2.1.0, checked against the published JSON schema), `dac build --format
 * json`, colour as FORCE_COLOR and NO_COLOR ask, and a progress line only on a terminal.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { useColour } from '../src/cli/output.js';
import { progress } from '../src/cli/progress.js';
import { githubAnnotations, sarifLog } from '../src/cli/report-formats.js';
import { copyProject, type ProjectCopy } from '../tools/project-copy.js';

/** A custom alert with a misspelt metric: the finding a user most often meets. */
const TYPO_RULES = `import { defineRules } from 'dac';

export default defineRules({
  id: 'typo',
  build: ({ service }) => [
    {
      name: \`\${service.name}-typo\`,
      rules: [
        {
          alert: 'TooManyRequests',
          expr: 'sum(rate(http_request_total[5m])) > 100',
          for: '5m',
          labels: { severity: 'warning' },
          annotations: { summary: 'More than 100 requests/s', description: 'Traffic is high: see the RED dashboard.' },
        },
      ],
    },
  ],
});
`;

/** The SARIF 2.1.0 schema as @microsoft/jest-sarif ships it (a draft-04 JSON Schema). */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schemaFile = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
  // The schema's language pattern is not a valid unicode-mode regular expression: ajv's non-unicode mode reads it.
  // A CommonJS module: its class is its `default` export too.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///project/') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

/** Reads a workflow command back by GitHub's escaping rules. */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) =>
    s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props = Object.fromEntries(
    m[2]!.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i), unescape(kv.slice(i + 1))];
    }),
  );
  return { command: m[1]!, props, message: unescape(m[3]!) };
}

const awkward: Diagnostic[] = [
  {
    severity: 'error',
    check: 'rule/template',
    where: { file: 'rules/odd, name: v2.ts', line: 12, path: ['alert A'] },
    message: '100% of\r\nthe time: broken, really',
    hint: 'fix it',
  },
  {
    severity: 'warning',
    check: 'dashboard/unit',
    where: { file: 'dashboards/red.ts', path: ['panel "p"'], column: 3 },
    message: 'no unit',
  },
  { severity: 'info', check: 'live/connection', where: { file: 'http://localhost:9090', path: [] }, message: 'read' },
];

describe('dac validate --format github', () => {
  it('escapes %, CR, LF in messages and also : and , in properties, as GitHub reads them back', () => {
    const lines = githubAnnotations(awkward).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const first = parseCommand(lines[0]!);
    expect(first).toEqual({
      command: 'error',
      props: { file: 'rules/odd, name: v2.ts', line: '12', title: 'dac rule/template' },
      message: 'alert A: 100% of\r\nthe time: broken, really\nfix: fix it',
    });
    expect(lines[0]).toContain('file=rules/odd%2C name%3A v2.ts,');
    expect(lines[0]).toContain('100%25 of%0D%0Athe time');
  });

  it('maps warnings to ::warning and infos to ::notice, and puts a URL in the message rather than file=', () => {
    const [, second, third] = githubAnnotations(awkward).trimEnd().split('\n').map(parseCommand);
    expect(second).toMatchObject({ command: 'warning', props: { file: 'dashboards/red.ts', title: 'dac dashboard/unit' } });
    // A column counts inside the query's text, not the file's line: it is said, not given as col=.
    expect(second!.props.col).toBeUndefined();
    expect(second!.message).toBe('panel "p", col 3: no unit');
    expect(third).toMatchObject({ command: 'notice', props: { title: 'dac live/connection' } });
    expect(third!.props.file).toBeUndefined();
    expect(third!.message).toBe('http://localhost:9090: read');
  });
});

describe('dac validate --format sarif', () => {
  it('writes findings of every kind as a log the SARIF 2.1.0 schema accepts, a URL among the locations', () => {
    const log = JSON.parse(sarifLog(awkward, '0.1.0')) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { level: string; locations: unknown[] }[] }[];
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0]!.results.map((r) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(log.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(['dashboard/unit', 'live/connection', 'rule/template']);
    expect(log.runs[0]!.results[0]!.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'rules/odd%2C%20name%3A%20v2.ts' }, region: { startLine: 12 } },
        logicalLocations: [{ fullyQualifiedName: 'alert A' }],
      },
    ]);
  });
});

// Each test starts dac as a process or several: minutes, on a loaded machine.
describe('findings of a project, in the formats CI reads', { timeout: 300_000 }, () => {
  let project: ProjectCopy;
  beforeAll(() => {
    project = copyProject('dac-formats-');
    writeFileSync(path.join(project.dir, 'rules/typo.ts'), TYPO_RULES);
  });
  afterAll(() => project?.remove());

  it('--format github: one ::error per finding, located by file and line', () => {
    const r = project.dac('validate', '--no-tools', '--format', 'github');
    expect(r.code).toBe(1);
    const commands = r.stdout.trimEnd().split('\n').map(parseCommand);
    const typo = commands.find((c) => c.props.title === 'dac promql/unknown-metric');
    expect(typo).toMatchObject({ command: 'error' });
    // The rule file dac emits for the definition, or the definition itself: either way a file of the project.
    expect(typo!.props.file).toMatch(/^(out\/rules\/items-api-typo\.yml|rules\/typo\.ts)$/);
    expect(Number(typo!.props.line)).toBeGreaterThan(0);
    expect(typo!.message).toMatch(
      /alert TooManyRequests.*unknown metric "http_request_total": did you mean "http_requests_total"\?\nfix: /s,
    );
  });

  it('--format sarif: a SARIF 2.1.0 log that the schema accepts, with rules, levels and project-relative locations', () => {
    const r = project.dac('validate', '--no-tools', '--format', 'sarif');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
        }[];
      }[];
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('dac');
    const result = run.results.find((x) => x.ruleId === 'promql/unknown-metric')!;
    expect(result.level).toBe('error');
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe('promql/unknown-metric');
    const location = result.locations[0]!.physicalLocation;
    expect(location.artifactLocation.uri).toMatch(/^(out\/rules\/items-api-typo\.yml|rules\/typo\.ts)$/);
    expect(location.region!.startLine).toBeGreaterThan(0);
    expect(result.message.text).toContain('unknown metric "http_request_total"');
  });

  it('--format json: each finding carries its file and line', () => {
    const r = project.dac('validate', '--no-tools', '--format', 'json');
    const report = JSON.parse(r.stdout) as { diagnostics: { check: string; file: string; line?: number; location: string }[] };
    const typo = report.diagnostics.find((d) => d.check === 'promql/unknown-metric')!;
    expect(typo.file).toMatch(/^(out\/rules\/items-api-typo\.yml|rules\/typo\.ts)$/);
    expect(typo.line).toBeGreaterThan(0);
    expect(typo.location).toContain(`${typo.file}:${typo.line}`);
  });

  it('dac build --format json: the findings as one document on stdout, nothing on stderr, exit 1', () => {
    const r = project.dac('build', '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { ok: boolean; diagnostics: { check: string; line?: number }[] };
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics.find((d) => d.check === 'promql/unknown-metric')?.line).toBeGreaterThan(0);
  });

  it('colours findings when FORCE_COLOR asks, even into a pipe, and never with NO_COLOR alone', () => {
    const run = (env: Record<string, string | undefined>) =>
      spawnSync(process.execPath, [path.join(project.dir, 'bin/dac.js'), 'validate', '--no-tools'], {
        cwd: project.dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
      }).stdout;
    expect(run({ FORCE_COLOR: '1' })).toContain('\u001b[31merror\u001b[0m');
    expect(run({ NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(run({})).not.toContain('\u001b[');
    expect(run({ FORCE_COLOR: '0' })).not.toContain('\u001b[');
  }, 240_000);
});

// Each test starts dac as a process or several: minutes, on a loaded machine.
describe('a clean project in the CI formats', { timeout: 300_000 }, () => {
  let project: ProjectCopy;
  beforeAll(() => {
    project = copyProject('dac-formats-clean-');
  });
  afterAll(() => project?.remove());

  it('--format sarif: an empty result list the schema accepts; --format github: no line at all', () => {
    const sarif = project.dac('validate', '--no-tools', '--format', 'sarif');
    expect(sarif.code).toBe(0);
    const validate = sarifValidator();
    expect(validate(JSON.parse(sarif.stdout)), JSON.stringify(validate.errors)).toBe(true);
    const github = project.dac('validate', '--no-tools', '--format', 'github');
    expect(github).toMatchObject({ code: 0, stdout: '' });
  }, 120_000);

  it('dac build --format json: what was written, then that out/ is current', () => {
    const first = JSON.parse(project.dac('build', '--format', 'json').stdout) as Record<string, unknown>;
    expect(first).toMatchObject({ ok: true, out: 'out', unchanged: false, summary: { services: 1 }, diagnostics: [] });
    const check = project.dac('build', '--check', '--format', 'json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, current: true, changes: [] });
    writeFileSync(path.join(project.dir, 'out/dashboards/items-api-red.json'), '{}\n');
    const stale = project.dac('build', '--check', '--format', 'json');
    expect(stale.code).toBe(1);
    expect(JSON.parse(stale.stdout)).toMatchObject({
      ok: false,
      current: false,
      changes: [{ kind: 'changed', path: 'out/dashboards/items-api-red.json' }],
    });
  }, 180_000);

  it('draws a progress line on a terminal (a real pseudo-terminal, through script(1)) and none into a pipe', () => {
    const piped = project.dac('validate', '--no-tools');
    expect(piped.stderr).not.toContain('validating');
    const tty = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} bin/dac.js validate --no-tools`, '/dev/null'], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(tty.status).toBe(0);
    const clear = '\r\u001b[K';
    expect(tty.stdout).toContain(`${clear}validating: loading definitions…`);
    // Cleared before the verdict is printed.
    const last = tty.stdout.lastIndexOf(clear);
    expect(tty.stdout.slice(last + clear.length).trimStart()).toMatch(/^valid: /);
  });
});

describe('progress of dac preview', { timeout: 300_000 }, () => {
  let project: ProjectCopy;
  beforeAll(() => {
    project = copyProject('dac-formats-preview-');
  });
  afterAll(() => project?.remove());

  it('counts the dashboards on a terminal while their queries run, and says nothing of it into a pipe', () => {
    const pages = path.join(project.dir, 'pages');
    const piped = project.dac('preview', '--out-dir', pages);
    expect(piped.code).toBe(0);
    expect(piped.stdout + piped.stderr).not.toContain('previewing');
    const tty = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} bin/dac.js preview --out-dir pages`, '/dev/null'], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/previewing (\d+)\/\1 dashboards…/);
    expect(tty.stdout).toContain('\r\u001b[Kwrote ');
  });
});

describe('colour and progress, as decided', () => {
  const tty = { isTTY: true } as const;
  const pipe = { isTTY: false } as const;

  it('FORCE_COLOR wins, NO_COLOR turns colour off, TERM=dumb too, a pipe has none by default', () => {
    expect(useColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColour(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(useColour(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColour(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(useColour(tty, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(useColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColour(tty, { NO_COLOR: '' })).toBe(true);
    expect(useColour(tty, { TERM: 'dumb' })).toBe(false);
    expect(useColour(tty, {})).toBe(true);
    expect(useColour(pipe, {})).toBe(false);
  });

  it('redraws one line in place on a terminal, fits it to the width, clears it at the end; writes nothing otherwise', () => {
    let written = '';
    const bar = progress({ isTTY: true, columns: 30, write: (s: string) => ((written += s), true) } as never);
    bar.count('validating', 1, 40, 'services');
    bar.count('validating', 2, 40, 'services'); // within 100 ms of the last: skipped
    bar.count('validating', 40, 40, 'services'); // the last one is always drawn
    bar.say('a very long line that does not fit in thirty columns');
    bar.end();
    expect(written.split('\r\u001b[K')).toEqual([
      '',
      'validating 1/40 services…',
      'validating 40/40 services…',
      'a very long line that does n…',
      '',
    ]);
    let piped = '';
    const quiet = progress({ isTTY: false, columns: 80, write: (s: string) => ((piped += s), true) } as never);
    quiet.count('validating', 1, 2, 'services');
    quiet.end();
    expect(piped).toBe('');
  });
});
