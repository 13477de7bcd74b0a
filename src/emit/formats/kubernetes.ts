/**
 * Kubernetes manifests for the Prometheus Operator and kube-prometheus-stack: one PrometheusRule per
 * rule file, one ConfigMap per dashboard labelled for Grafana's dashboard sidecar. The rule groups
 * and dashboard JSON are the very text of out/rules and out/dashboards, nested.
 */
import type { BuildModel } from '../../model/types.js';
import { generatedHeader, indentBlock, literalBlock, yamlBody } from '../serialize.js';
import { dashboardText, ruleFileBody } from '../texts.js';
import { slug } from './slug.js';

export function kubernetesFiles(model: BuildModel): [string, string][] {
  const k8s = model.delivery.kubernetes;
  const files: [string, string][] = [];
  for (const f of model.ruleFiles) {
    const head = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: slug(f.stem),
        namespace: k8s.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'dac', ...k8s.ruleLabels },
      },
    };
    const text = `${generatedHeader(f.source)}\n${yamlBody(head)}spec:\n${indentBlock(ruleFileBody(f), 2)}`;
    files.push([`kubernetes/prometheusrules/${f.stem}.yaml`, text]);
  }
  for (const d of model.dashboards) {
    const head = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `dashboard-${slug(d.ref.uid)}`,
        namespace: k8s.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'dac', [k8s.dashboardLabel.name]: k8s.dashboardLabel.value },
        annotations: { [k8s.folderAnnotation]: d.service.grafanaFolder },
      },
    };
    const text = `${generatedHeader(d.source)}\n${yamlBody(head)}data:\n${literalBlock(`${d.ref.uid}.json`, dashboardText(d), 2)}`;
    files.push([`kubernetes/dashboards/${d.ref.uid}.yaml`, text]);
  }
  return files;
}
