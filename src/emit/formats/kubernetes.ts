/**
 * Kubernetes manifests for the Prometheus Operator and kube-prometheus-stack: one PrometheusRule per
 * rule file, one ConfigMap per dashboard labelled for Grafana's dashboard sidecar.
 */
import type { BuildModel } from '../../model/types.js';
import { ruleFileDocument } from '../rule-files.js';
import { stableJson, yamlText } from '../serialize.js';
import { slug } from './slug.js';

export function kubernetesFiles(model: BuildModel): [string, string][] {
  const k8s = model.delivery.kubernetes;
  const files: [string, string][] = [];
  for (const f of model.ruleFiles) {
    const manifest = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: slug(f.stem),
        namespace: k8s.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'dac', ...k8s.ruleLabels },
      },
      spec: ruleFileDocument(f),
    };
    files.push([`kubernetes/prometheusrules/${f.stem}.yaml`, yamlText(manifest, f.source)]);
  }
  for (const d of model.dashboards) {
    const manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `dashboard-${slug(d.ref.uid)}`,
        namespace: k8s.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'dac', [k8s.dashboardLabel.name]: k8s.dashboardLabel.value },
        annotations: { [k8s.folderAnnotation]: d.service.grafanaFolder },
      },
      data: { [`${d.ref.uid}.json`]: stableJson(d.json) },
    };
    files.push([`kubernetes/dashboards/${d.ref.uid}.yaml`, yamlText(manifest, d.source)]);
  }
  return files;
}
