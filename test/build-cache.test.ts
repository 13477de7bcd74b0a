/**
 * `dac build` with nothing changed answers from its record of the last build (src/io/build-cache.ts)
 * without evaluating a definition; any change to what a build reads (a definition, a file or an
 * environment variable the config reads, dac itself, out/) is picked up by a full build.
 */
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, type ProjectCopy } from '../tools/project-copy.js';

/** Prepended to the copy's config: counts evaluations, and takes the first service's title from a file and a variable. */
const COUNTING_CONFIG = `import { appendFileSync, readFileSync } from 'node:fs';
appendFileSync(new URL('./evaluations.log', import.meta.url), 'x');
const titleSuffix = readFileSync(new URL('./title-suffix.txt', import.meta.url), 'utf8').replace(/\\n+$/, '') + (process.env.DAC_TEST_TITLE_SUFFIX ?? '');
`;

describe('dac build with nothing changed', () => {
  let p: ProjectCopy;
  const evaluations = () => readFileSync(path.join(p.dir, 'evaluations.log'), 'utf8').length;
  const dashboard = () => readFileSync(path.join(p.dir, 'out/dashboards/items-api-red.json'), 'utf8');
  const build = (env: Record<string, string> = {}, ...args: string[]) => {
    const before = evaluations();
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const r = p.dac('build', ...args);
      return { ...r, evaluated: evaluations() > before };
    } finally {
      for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    }
  };

  beforeAll(() => {
    p = copyProject('dac-build-cache-');
    const config = path.join(p.dir, 'dac.config.ts');
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, COUNTING_CONFIG + text.replace("title: 'Items API',", 'title: `Items API${titleSuffix}`,'));
    writeFileSync(path.join(p.dir, 'title-suffix.txt'), '\n');
    writeFileSync(path.join(p.dir, 'evaluations.log'), '');
    expect(p.dac('build').code).toBe(0);
  }, 600_000);
  afterAll(() => p.remove());

  it('says what the last build said, without evaluating a definition', () => {
    const full = build({ DAC_BUILD_CACHE: '0' });
    const fast = build();
    expect(full.evaluated).toBe(true);
    expect(fast.evaluated).toBe(false);
    expect(fast.code).toBe(0);
    expect(fast.stdout).toBe(full.stdout);
    expect(fast.stderr).toBe(full.stderr);
    const check = build({}, '--check');
    expect(check).toMatchObject({ code: 0, evaluated: false });
    expect(check.stdout).toMatch(/^out\/ is current: \d+ files match the definitions\.\n$/);
  });

  it('picks up a changed definition, then answers from the new record', () => {
    const red = path.join(p.dir, 'dashboards/red.ts');
    writeFileSync(red, readFileSync(red, 'utf8').replace("title: 'RED Metrics'", "title: 'RED Signals'"));
    expect(build()).toMatchObject({ code: 0, evaluated: true });
    expect(dashboard()).toContain('"title": "Items API / RED Signals"');
    expect(build()).toMatchObject({ code: 0, evaluated: false });
  });

  it('picks up a change to a helper module a definition imports', () => {
    const red = path.join(p.dir, 'dashboards/red.ts');
    mkdirSync(path.join(p.dir, 'dashboards/lib'), { recursive: true });
    writeFileSync(path.join(p.dir, 'dashboards/lib/naming.ts'), "export const redTitle = 'RED Signals';\n");
    writeFileSync(
      red,
      `import { redTitle } from './lib/naming.js';\n${readFileSync(red, 'utf8').replace("title: 'RED Signals'", 'title: redTitle')}`,
    );
    expect(build()).toMatchObject({ code: 0, evaluated: true });
    expect(build()).toMatchObject({ evaluated: false });
    writeFileSync(path.join(p.dir, 'dashboards/lib/naming.ts'), "export const redTitle = 'RED Signals';\n// reviewed\n");
    expect(build()).toMatchObject({ code: 0, evaluated: true });
    expect(dashboard()).toContain('"title": "Items API / RED Signals"');
  });

  it('picks up a change to a file the config reads, and to a variable it reads', () => {
    writeFileSync(path.join(p.dir, 'title-suffix.txt'), ' (EU)\n');
    expect(build()).toMatchObject({ code: 0, evaluated: true });
    expect(dashboard()).toContain('"title": "Items API (EU) / RED Signals"');
    const withVariable = build({ DAC_TEST_TITLE_SUFFIX: ' prod' });
    expect(withVariable).toMatchObject({ code: 0, evaluated: true });
    expect(dashboard()).toContain('"title": "Items API (EU) prod / RED Signals"');
    expect(build({ DAC_TEST_TITLE_SUFFIX: ' prod' })).toMatchObject({ evaluated: false });
    expect(build()).toMatchObject({ code: 0, evaluated: true });
    expect(dashboard()).toContain('"title": "Items API (EU) / RED Signals"');
  });

  it('rebuilds an out/ that was edited or removed, and --check reports an edited one', () => {
    const file = path.join(p.dir, 'out/dashboards/items-api-red.json');
    const good = dashboard();
    appendFileSync(file, ' ');
    const check = build({}, '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('out/dashboards/items-api-red.json');
    expect(build()).toMatchObject({ code: 0 });
    expect(dashboard()).toBe(good);
    rmSync(path.join(p.dir, 'out'), { recursive: true });
    expect(build().code).toBe(0);
    expect(dashboard()).toBe(good);
  });

  it('builds fully again when dac itself changes', () => {
    expect(build()).toMatchObject({ evaluated: false });
    // The copy runs dac from its sources (it has no dist/): a changed source is a changed dac.
    appendFileSync(path.join(p.dir, 'src/dashboards/panels.ts'), '\n// changed\n');
    expect(build()).toMatchObject({ code: 0, evaluated: true });
  });

  it('records the versions of the packages it loaded, so an upgrade means a full build', () => {
    const records = path.join(p.dir, 'node_modules/.cache/dac/builds');
    const mine = readdirSync(records)
      .filter((f) => f.endsWith('.json'))
      .map((f) => (JSON.parse(readFileSync(path.join(records, f), 'utf8')) as { inputs: [string, string][] }).inputs.map(([file]) => file))
      .filter((files) => files.includes(path.join(p.dir, 'dac.config.ts')));
    expect(mine).toHaveLength(1);
    const files = mine[0]!;
    expect(files.some((f) => f.endsWith(path.join('node_modules', '@grafana', 'grafana-foundation-sdk', 'package.json')))).toBe(true);
    expect(files.some((f) => f.endsWith(path.join('node_modules', 'yaml', 'package.json')))).toBe(true);
  });
});
