/**
 * `dac validate` checks each dashboard as the definitions build it and again as the files out/
 * would hold (out/dashboards/, out/grafana/). A problem of the definition shows in both: the user
 * is told once, at the definition they edit, as `dac build` tells it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, type ProjectCopy } from '../tools/project-copy.js';

interface Finding {
  check: string;
  where: { file: string; path: string[] };
  message: string;
}

const BUILT = /return dashboard;\s*\n\s*\},\s*\n\}\);\s*$/;

describe('dac validate reports a problem of a built dashboard once', () => {
  let p: ProjectCopy;
  let config: string;
  const validate = (): Finding[] => {
    const r = p.dac('validate', '--no-tools', '--format', 'json');
    expect(r.code, r.stderr).toBe(1);
    return (JSON.parse(r.stdout) as { diagnostics: Finding[] }).diagnostics;
  };
  beforeAll(() => {
    p = copyProject('dac-validate-once-');
    const red = path.join(p.dir, 'dashboards/red.ts');
    const source = readFileSync(red, 'utf8');
    expect(source).toMatch(BUILT);
    // One wrong option: a legend display mode Grafana's timeseries panel does not have.
    writeFileSync(
      red,
      source.replace(
        BUILT,
        `const built = dashboard.build();
    const rate = built.panels!.flatMap((x: any) => [x, ...(x.panels ?? [])]).find((x: any) => x.title === 'Rate');
    rate.options.legend.displayMode = 'bottom';
    return built;
  },
});
`,
      ),
    );
    config = readFileSync(path.join(p.dir, 'dac.config.ts'), 'utf8');
  });
  afterAll(() => p.remove());

  const wrongOption: Finding = {
    check: 'grafana/schema',
    where: { file: 'dashboards/red.ts', path: ['dashboard items-api-red', 'panel "Rate"', 'options.legend.displayMode'] },
    message: expect.stringContaining('"bottom" is not one of "hidden", "list", "table"') as unknown as string,
  };

  it('with the classic dashboards and their v1beta1 resources in out/grafana/', () => {
    expect(config).toContain('grafana: true');
    expect(validate()).toEqual([expect.objectContaining(wrongOption)]);
  });

  it('with v2beta1 resources, whose panels hold the options under vizConfig.spec', () => {
    writeFileSync(path.join(p.dir, 'dac.config.ts'), config.replace('grafana: true', "grafana: { apiVersion: 'v2beta1' }"));
    expect(validate()).toEqual([expect.objectContaining(wrongOption)]);
  });
});
