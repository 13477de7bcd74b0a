/**
 * Tier 2: promtool and amtool have the last word. Their complaints become findings on the out/
 * file (and line, when the tool says it); a missing tool is never a silent pass.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runTools, toFindings, type ToolChoice } from '../src/check/tools.js';
import { ensurePromTools, generations } from './setup/prom-tools.js';

// Debian's tools as a user would install them, and the 3.x ones; both print what runTools reads.
const tools: Record<'2.42' | '3.x', ToolChoice> = { '2.42': {}, '3.x': {} };
beforeAll(() => {
  ensurePromTools();
  const [floor, three] = generations();
  tools['2.42'] = { promtool: floor!.promtool, amtool: floor!.amtool };
  tools['3.x'] = { promtool: three!.promtool, amtool: three!.amtool };
}, 900_000);

const BROKEN_RULES = `groups:
  - name: g
    rules:
      - alert: Down
        expr: sum(up == 0
`;

const GOOD_RULES = `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 1m
        labels: { severity: critical }
        annotations: { summary: down, description: target down }
`;

const WRONG_TEST = `rule_files: [../rules/good.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'up{job="a"}'
        values: '1x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: Down
        exp_alerts:
          - exp_labels: { job: a, severity: critical }
`;

const BAD_ALERTMANAGER = `route: { receiver: nobody }
receivers: [{ name: somebody }]
`;

describe.each(['2.42', '3.x'] as const)('runTools on promtool and amtool %s', (generation) => {
  it('maps promtool, promtool test and amtool failures to located findings', async () => {
    const run = await runTools(
      new Map([
        ['rules/broken.yml', BROKEN_RULES],
        ['rules/good.yml', GOOD_RULES],
        ['tests/good.test.yml', WRONG_TEST],
        ['alertmanager/alertmanager.yml', BAD_ALERTMANAGER],
      ]),
      tools[generation],
    );
    expect(run.missing).toEqual([]);
    expect(run.diagnostics).toEqual([
      {
        severity: 'error',
        check: 'tool/promtool-check',
        where: { file: 'out/rules/broken.yml', line: 5, path: ['group g', 'rule Down'] },
        message: expect.stringContaining('unclosed left parenthesis'),
      },
      {
        severity: 'error',
        check: 'tool/promtool-test',
        // One sentence per alert: which alert, when, what was expected and what happened.
        where: { file: 'out/tests/good.test.yml', path: ['alert Down'] },
        message: 'alert Down at 5m: expected it to fire with {job="a", severity="critical"}, but it did not',
        hint: expect.stringContaining('the rule and its test disagree'),
      },
      {
        severity: 'error',
        check: 'tool/amtool',
        where: { file: 'out/alertmanager/alertmanager.yml', path: [] },
        message: expect.stringContaining('undefined receiver "nobody"'),
      },
    ]);
  });

  it('passes clean files without a finding', async () => {
    const run = await runTools(new Map([['rules/good.yml', GOOD_RULES]]), tools[generation]);
    expect(run).toEqual({
      diagnostics: [],
      missing: [],
      used: [
        { tool: 'promtool', path: tools[generation].promtool, version: expect.stringMatching(generation === '2.42' ? /^2\.42\./ : /^3\./) },
      ],
    });
  });
});

describe('runTools without a promtool', () => {
  afterEach(() => {
    delete process.env.DAC_PROMTOOL;
  });

  it('reports a missing promtool with the way to install it instead of passing', async () => {
    process.env.DAC_PROMTOOL = '/nonexistent/promtool';
    const run = await runTools(new Map([['rules/good.yml', GOOD_RULES]]));
    expect(run.diagnostics).toEqual([]);
    expect(run.missing).toEqual([
      expect.objectContaining({ severity: 'error', hint: expect.stringContaining('apt-get install prometheus') }),
    ]);
  });
});

describe('toFindings', () => {
  it('turns a clean exit into no finding and an unexplained failure into one', () => {
    expect(toFindings('tool/promtool-check', 'rules/a.yml', { code: 0, stdout: 'SUCCESS', stderr: '' })).toEqual([]);
    expect(toFindings('tool/promtool-check', 'rules/a.yml', { code: 3, stdout: '', stderr: '' })).toEqual([
      { severity: 'error', check: 'tool/promtool-check', where: { file: 'out/rules/a.yml', path: [] }, message: 'exited with code 3' },
    ]);
  });
});
