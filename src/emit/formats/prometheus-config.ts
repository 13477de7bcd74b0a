/**
 * prometheus.yml for a stack that runs dac's output: scrape the services, load every rule file,
 * send alerts to Alertmanager. Used by the generated docker-compose.yml and by the end-to-end suite.
 */
export interface PrometheusConfigOptions {
  scrapeInterval: string;
  evaluationInterval: string;
  /** Scrape jobs: the job name must be the service's selector job. */
  jobs: { job: string; targets: string[]; metricsPath?: string }[];
  ruleFiles: string[];
  alertmanagers: string[];
}

export function prometheusConfig(o: PrometheusConfigOptions): Record<string, unknown> {
  return {
    global: { scrape_interval: o.scrapeInterval, evaluation_interval: o.evaluationInterval },
    rule_files: o.ruleFiles,
    alerting: { alertmanagers: [{ static_configs: [{ targets: o.alertmanagers }] }] },
    scrape_configs: o.jobs.map((j) => ({
      job_name: j.job,
      metrics_path: j.metricsPath ?? '/metrics',
      static_configs: [{ targets: j.targets }],
    })),
  };
}
