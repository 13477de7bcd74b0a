/** Delivery formats beyond the plain dashboards and rule files, all part of `dac build`. */
import type { BuildModel } from '../../model/types.js';
import { composeFiles } from './compose.js';
import { kubernetesFiles } from './kubernetes.js';
import { provisioningFiles } from './provisioning.js';
import { rulerFiles } from './rulers.js';

export type FormatEmitter = (model: BuildModel) => [string, string][];

export const deliveryFormats: readonly FormatEmitter[] = [provisioningFiles, kubernetesFiles, rulerFiles, composeFiles];
