import { generatedHeader, indentBlock, literalBlock, yamlBody } from "../serialize.js";
import { dashboardText, ruleFileBody } from "../texts.js";
import { slug } from "./slug.js";
function kubernetesFiles(model) {
  const k8s = model.delivery.kubernetes;
  const files = [];
  for (const f of model.ruleFiles) {
    const head = {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: {
        name: slug(f.stem),
        namespace: k8s.namespace,
        labels: { "app.kubernetes.io/managed-by": "dac", ...k8s.ruleLabels }
      }
    };
    const text = `${generatedHeader(f.source)}
${yamlBody(head)}spec:
${indentBlock(ruleFileBody(f), 2)}`;
    files.push([`kubernetes/prometheusrules/${f.stem}.yaml`, text]);
  }
  for (const d of model.dashboards) {
    const head = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: `dashboard-${slug(d.ref.uid)}`,
        namespace: k8s.namespace,
        labels: { "app.kubernetes.io/managed-by": "dac", [k8s.dashboardLabel.name]: k8s.dashboardLabel.value },
        annotations: { [k8s.folderAnnotation]: d.service.grafanaFolder }
      }
    };
    const text = `${generatedHeader(d.source)}
${yamlBody(head)}data:
${literalBlock(`${d.ref.uid}.json`, dashboardText(d), 2)}`;
    files.push([`kubernetes/dashboards/${d.ref.uid}.yaml`, text]);
  }
  return files;
}
export {
  kubernetesFiles
};
