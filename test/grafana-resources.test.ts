/**
 * `outputs: { grafana: true }` writes out/grafana/: every dashboard as the resource Grafana 12+
 * serves at /apis/dashboard.grafana.app/v1beta1 and Git Sync and grafanactl read from files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEmitted } from '../src/check/index.js';
import { DEFAULT_OUTPUTS } from '../src/config/outputs.js';
import { folderChain } from '../src/deliver/grafana/folders.js';
import { emitFiles } from '../src/emit/files.js';
import { assembleModel } from '../src/model/assemble.js';
import type { BuildModel } from '../src/model/types.js';
import { repoRoot } from '../tools/project-copy.js';

let model: BuildModel;

beforeAll(async () => {
  model = await assembleModel(repoRoot);
}, 120_000);

const withGrafana = (m: BuildModel): BuildModel => ({ ...m, outputs: { ...DEFAULT_OUTPUTS, ...m.outputs, grafana: true } });

describe('Grafana resource files', () => {
  it('are written only when the config asks for them', () => {
    const files = emitFiles({ ...model, outputs: { ...DEFAULT_OUTPUTS, ...model.outputs, grafana: false } });
    expect([...files.keys()].filter((p) => p.startsWith('grafana/'))).toEqual([]);
  });

  it('hold each dashboard as a v1beta1 Dashboard named by its uid, in its folder, its spec the classic JSON unchanged', () => {
    const files = emitFiles(withGrafana(model));
    for (const d of model.dashboards) {
      const text = files.get(`grafana/${d.service.grafanaFolder}/${d.ref.uid}.json`);
      expect(text, d.ref.uid).toBeDefined();
      const resource = JSON.parse(text!) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(resource).toMatchObject({ apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', metadata: { name: d.ref.uid } });
      // The folder `dac push` creates for this service, so a resource push and `dac push` agree.
      expect(resource.metadata.annotations).toEqual({ 'grafana.app/folder': folderChain(d.service.grafanaFolder).at(-1)!.uid });
      expect(resource.spec).toEqual(JSON.parse(files.get(d.outPath)!));
    }
  });

  it('nest a "Team/Service" folder as directories, annotated with the innermost folder', () => {
    const nested = withGrafana({
      ...model,
      dashboards: model.dashboards.map((d) => ({ ...d, service: { ...d.service, grafanaFolder: 'Platform/Items API' } })),
    });
    const d = nested.dashboards[0]!;
    const text = emitFiles(nested).get(`grafana/Platform/Items API/${d.ref.uid}.json`);
    expect(text).toBeDefined();
    const chain = folderChain('Platform/Items API');
    expect(JSON.parse(text!).metadata.annotations['grafana.app/folder']).toBe(chain[1]!.uid);
    expect(chain[1]!.parentUid).toBe(chain[0]!.uid);
  });

  it("are checked like the dashboards: Grafana's types over the spec, and a name that is the uid", () => {
    const files = emitFiles(withGrafana(model));
    expect(checkEmitted(files)).toEqual([]);
    const d = model.dashboards[0]!;
    const file = `grafana/${d.service.grafanaFolder}/${d.ref.uid}.json`;
    const broken = JSON.parse(files.get(file)!);
    broken.metadata.name = 'renamed';
    broken.spec.graphTooltip = 'shared';
    const found = checkEmitted(new Map([[file, JSON.stringify(broken)]]));
    expect(found.map((f) => [f.check, f.where.file, f.where.path.join(' › ')])).toEqual([
      ['grafana/resource', `out/${file}`, `dashboard ${d.ref.uid}`],
      ['grafana/schema', `out/${file}`, `dashboard ${d.ref.uid} › graphTooltip`],
    ]);
  });
});
