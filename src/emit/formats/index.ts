/** Delivery formats beyond the plain dashboards and rule files, each written when the config's `outputs` asks for it. */
import type { Outputs } from '../../config/types.js';
import type { BuildModel } from '../../model/types.js';
import { composeFiles } from './compose.js';
import { grafanaResourceFiles } from './grafana-resources.js';
import { kubernetesFiles } from './kubernetes.js';
import { provisioningFiles } from './provisioning.js';
import { rulerFiles } from './rulers.js';

export type FormatEmitter = (model: BuildModel) => [string, string][];

export const deliveryFormats: Readonly<Record<Exclude<keyof Outputs, 'dashboards' | 'rules'>, FormatEmitter>> = {
  provisioning: provisioningFiles,
  kubernetes: kubernetesFiles,
  rulers: rulerFiles,
  compose: composeFiles,
  grafana: grafanaResourceFiles,
};
