import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../tools/project-copy.js';
import { kubernetesFiles } from '../src/emit/formats/kubernetes.js';
import { buildProject, type BuildResult } from '../src/pipeline.js';

let build: BuildResult;
const file = (p: string): string => {
  const text = build.files.get(p);
  if (text === undefined) throw new Error(`the build emits no ${p}`);
  return text;
};
const yamlOf = <T = Record<string, unknown>>(p: string): T => parse(file(p)) as T;

beforeAll(async () => {
  build = await buildProject(repoRoot);
});

describe('Grafana file provisioning', () => {
  it('declares one file provider that takes folders from the file structure', () => {
    const doc = yamlOf<{
      apiVersion: number;
      providers: { type: string; options: { path: string; foldersFromFilesStructure: boolean } }[];
    }>('provisioning/dashboards/dashboards.yml');
    expect(doc.apiVersion).toBe(1);
    expect(doc.providers).toHaveLength(1);
    expect(doc.providers[0]!.type).toBe('file');
    expect(doc.providers[0]!.options.foldersFromFilesStructure).toBe(true);
  });

  it('puts every dashboard, byte-identical, in a directory named after its Grafana folder', () => {
    for (const d of build.model.dashboards) {
      expect(file(`provisioning/dashboards/Items API/${d.ref.uid}.json`)).toBe(file(d.outPath));
    }
  });

  it('provisions the Prometheus datasource the dashboards query', () => {
    const doc = yamlOf<{ datasources: { type: string; uid: string; url: string }[] }>('provisioning/datasources/prometheus.yml');
    expect(doc.datasources).toEqual([expect.objectContaining({ type: 'prometheus', uid: 'prometheus', url: 'http://prometheus:9090' })]);
  });
});

describe('Kubernetes manifests', () => {
  it('wrap each rule file in a PrometheusRule the operator selects', () => {
    for (const f of build.model.ruleFiles) {
      const m = yamlOf<{ apiVersion: string; kind: string; metadata: { labels: Record<string, string> }; spec: unknown }>(
        `kubernetes/prometheusrules/${f.stem}.yaml`,
      );
      expect(m.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(m.kind).toBe('PrometheusRule');
      expect(m.metadata.labels.release).toBe('kube-prometheus-stack');
      expect(m.spec).toEqual(yamlOf(f.outPath));
    }
  });

  it('ship each dashboard in a ConfigMap labelled for the Grafana sidecar, with its folder', () => {
    for (const d of build.model.dashboards) {
      const m = yamlOf<{
        kind: string;
        metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
        data: Record<string, string>;
      }>(`kubernetes/dashboards/${d.ref.uid}.yaml`);
      expect(m.kind).toBe('ConfigMap');
      expect(m.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(m.metadata.labels.grafana_dashboard).toBe('1');
      expect(m.metadata.annotations.grafana_folder).toBe('Items API');
      expect(m.data[`${d.ref.uid}.json`]).toBe(file(d.outPath));
    }
  });

  it('embed a dashboard whose text has characters YAML 1.1 reads as line breaks, escaped, so it reads back unchanged', () => {
    // Text pasted from a document can carry NEL, U+2028 and U+2029: go-yaml (kubectl, the sidecar's
    // tooling) breaks the line there inside a literal block, which would split a JSON string in two.
    const title = 'Items API / Notes\u0085pasted\u2028from\u2029a document\u007f';
    const [first] = build.model.dashboards;
    const odd = { ...first!, json: { ...first!.json, title } };
    const files = new Map(kubernetesFiles({ ...build.model, dashboards: [odd] }));
    const text = files.get(`kubernetes/dashboards/${odd.ref.uid}.yaml`)!;
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
    const m = parse(text) as { data: Record<string, string> };
    expect((JSON.parse(m.data[`${odd.ref.uid}.json`]!) as { title: string }).title).toBe(title);
  });
});

describe('ruler namespaces (Mimir, Cortex)', () => {
  it('hold every group of a service under its namespace', () => {
    const doc = yamlOf<{ namespace: string; groups: { name: string }[] }>('rulers/items-api.yml');
    expect(doc.namespace).toBe('items-api');
    const expected = build.model.ruleFiles.filter((f) => f.service?.name === 'items-api').flatMap((f) => f.groups.map((g) => g.name));
    expect(doc.groups.map((g) => g.name)).toEqual(expected);
  });

  it('keep ruler-only fields out of the plain Prometheus rule files', () => {
    for (const f of build.model.ruleFiles) expect(file(f.outPath)).not.toContain('source_tenants');
  });
});

describe('docker-compose.yml', () => {
  type Compose = { services: Record<string, { volumes?: string[]; build?: string; image?: string }> };
  it('runs the Items API, Prometheus, Alertmanager and Grafana', () => {
    const doc = yamlOf<Compose>('compose/docker-compose.yml');
    expect(Object.keys(doc.services).sort()).toEqual(['alertmanager', 'grafana', 'items-api', 'prometheus']);
    expect(path.resolve(repoRoot, 'out/compose', doc.services['items-api']!.build!)).toBe(path.join(repoRoot, 'examples/items-api'));
  });

  it('mounts only paths the build emits', () => {
    const doc = yamlOf<Compose>('compose/docker-compose.yml');
    const emitted = [...build.files.keys()];
    for (const [name, svc] of Object.entries(doc.services)) {
      for (const volume of svc.volumes ?? []) {
        const host = volume.split(':')[0]!;
        const rel = path.posix.normalize(path.posix.join('compose', host));
        const exists = emitted.some((p) => p === rel || p.startsWith(`${rel}/`));
        expect(exists, `${name} mounts ${host}, which the build does not emit`).toBe(true);
      }
    }
  });

  it('has Prometheus load every rule file through the mounted rules folder and scrape the service job', () => {
    const prom = yamlOf<{ rule_files: string[]; scrape_configs: { job_name: string }[] }>('compose/prometheus.yml');
    expect(prom.rule_files).toEqual(build.model.ruleFiles.map((f) => `/etc/prometheus/${f.outPath}`));
    expect(prom.scrape_configs.map((s) => s.job_name)).toEqual(['fastapi']);
  });
});
