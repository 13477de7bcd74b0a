/**
 * The Items API's whole stack on one machine: PostgreSQL, the service, Prometheus with dac's rules,
 * Alertmanager with a webhook, and traffic. The end-to-end tests, the demo and anyone poking at the
 * generated rules start it from here; it lives outside test/ because it is a runner, not a test.
 */
export { startStack, type Stack, type StackOptions, type StopOptions } from './stack.js';
export { stackBinaries, stackGeneration, type StackBinaries } from './binaries.js';
export { ensureInstalled, ensureSystemPackages, ensureVenv, SYSTEM_PACKAGES } from './install.js';
export { localiseAlertmanagerConfig, minimalAlertmanagerConfig, type RouteTiming } from './alertmanager.js';
export {
  APP_JOB,
  type NativeHistogram,
  type PromAlert,
  type Prometheus,
  type QueryData,
  type RuleGroupStatus,
  type RuleStatus,
  type Sample,
} from './prometheus.js';
export type { FaultSpec, ItemsApi } from './items-api.js';
export type { Notification, WebhookReceiver } from './webhook.js';
export type { TrafficOptions } from './traffic.js';
export { beforeInterruptExit, stopAllProcesses, type ManagedProcess } from './process.js';
export { fillDashboards, waitForEveryEndpoint, type FillOptions } from './fill-dashboards.js';
export { runDac, type DacRun } from './dac.js';
