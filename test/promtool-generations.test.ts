/**
 * Users run Prometheus 2 and Prometheus 3. Every rule file and every promtool test file a build
 * writes — the built-in Items API and the shop example with its other metric profiles — passes
 * `promtool check rules --lint=all --lint-fatal` and `promtool test rules` on Debian's 2.42 (the
 * floor) and on a 3.x promtool, and the Alertmanager config passes amtool 0.25 and 0.3x alike.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTools } from '../src/check/tools.js';
import { emitFiles } from '../src/emit/files.js';
import { assembleModel } from '../src/model/assemble.js';
import { ensurePromTools, generations, type Generation } from './setup/prom-tools.js';

const root = path.resolve(import.meta.dirname, '..');
const projects = { 'the Items API': root, 'the shop example': path.join(root, 'examples/shop') };

const built = new Map<string, Map<string, string>>();
let both: Generation[] = [];

beforeAll(async () => {
  ensurePromTools();
  both = generations();
  for (const [name, dir] of Object.entries(projects)) built.set(name, emitFiles(await assembleModel(dir)));
}, 900_000);

describe('the two generations of the tools', () => {
  it('are Prometheus 2.42 with Alertmanager 0.25, and Prometheus 3 with Alertmanager 0.3x', async () => {
    const used = await runTools(new Map([['rules/none.yml', 'groups: []\n']]), both[0]);
    expect(used.used[0]?.version).toMatch(/^2\.42\./);
    const files = new Map([['alertmanager/alertmanager.yml', built.get('the Items API')!.get('alertmanager/alertmanager.yml')!]]);
    expect((await runTools(files, both[0])).used[0]?.version).toMatch(/^0\.25\./);
    expect((await runTools(new Map([['rules/none.yml', 'groups: []\n']]), both[1])).used[0]?.version).toMatch(/^3\.\d+\./);
    expect((await runTools(files, both[1])).used[0]?.version).toMatch(/^0\.(3\d)\./);
  });

  for (const project of Object.keys(projects)) {
    for (const generation of ['2.42', '3.x'] as const) {
      it(`check and unit-test every rule file of ${project} on promtool ${generation}`, async () => {
        const files = built.get(project)!;
        const g = both[generation === '2.42' ? 0 : 1]!;
        const run = await runTools(files, g);
        expect(run.missing).toEqual([]);
        expect(run.diagnostics).toEqual([]);
        // Not vacuous: rule files, test files and the Alertmanager config were all there to check.
        const paths = [...files.keys()];
        expect(paths.filter((p) => p.startsWith('rules/')).length).toBeGreaterThan(0);
        expect(paths.filter((p) => p.startsWith('tests/')).length).toBeGreaterThan(0);
        expect(run.used.map((u) => u.tool)).toEqual(files.has('alertmanager/alertmanager.yml') ? ['promtool', 'amtool'] : ['promtool']);
      }, 120_000);
    }
  }
});
