import { yamlText } from "../serialize.js";
import { GRAFANA_DASHBOARDS_MOUNT, GRAFANA_PROVISIONING_MOUNT } from "./provisioning.js";
import { prometheusConfig } from "./prometheus-config.js";
const COMPOSE_IMAGES = {
  prometheus: "prom/prometheus:v2.55.1",
  alertmanager: "prom/alertmanager:v0.27.0",
  grafana: "grafana/grafana:12.2.0"
};
function composeFiles(model) {
  const apps = model.services.filter((s) => s.compose);
  const prom = prometheusConfig({
    scrapeInterval: "15s",
    evaluationInterval: "15s",
    jobs: apps.map((s) => ({ job: s.selector.job, targets: [`${s.name}:${s.compose.port}`] })),
    ruleFiles: model.ruleFiles.map((f) => `/etc/prometheus/${f.outPath}`),
    alertmanagers: ["alertmanager:9093"]
  });
  const services = {};
  for (const s of apps) {
    const c = s.compose;
    services[s.name] = {
      ...c.build ? { build: `../../${c.build}` } : {},
      ...c.image ? { image: c.image } : {},
      ...c.environment ? { environment: c.environment } : {},
      ports: [`${c.port}:${c.port}`]
    };
  }
  services.prometheus = {
    image: COMPOSE_IMAGES.prometheus,
    command: ["--config.file=/etc/prometheus/prometheus.yml", "--web.enable-lifecycle"],
    volumes: ["./prometheus.yml:/etc/prometheus/prometheus.yml:ro", "../rules:/etc/prometheus/rules:ro"],
    ports: ["9090:9090"]
  };
  services.alertmanager = {
    image: COMPOSE_IMAGES.alertmanager,
    command: ["--config.file=/etc/alertmanager/alertmanager.yml"],
    volumes: ["../alertmanager:/etc/alertmanager:ro"],
    ports: ["9093:9093"]
  };
  services.grafana = {
    image: COMPOSE_IMAGES.grafana,
    environment: { GF_AUTH_ANONYMOUS_ENABLED: "true", GF_AUTH_ANONYMOUS_ORG_ROLE: "Viewer" },
    volumes: [
      `../provisioning/datasources:${GRAFANA_PROVISIONING_MOUNT}/datasources:ro`,
      `../provisioning/dashboards/dashboards.yml:${GRAFANA_PROVISIONING_MOUNT}/dashboards/dashboards.yml:ro`,
      `../provisioning/dashboards:${GRAFANA_DASHBOARDS_MOUNT}:ro`
    ],
    ports: ["3000:3000"],
    depends_on: ["prometheus"]
  };
  return [
    ["compose/docker-compose.yml", yamlText({ name: "dac", services }, model.configFile)],
    ["compose/prometheus.yml", yamlText(prom, model.configFile)]
  ];
}
export {
  COMPOSE_IMAGES,
  composeFiles
};
