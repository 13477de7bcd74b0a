import { composeFiles } from "./compose.js";
import { kubernetesFiles } from "./kubernetes.js";
import { provisioningFiles } from "./provisioning.js";
import { rulerFiles } from "./rulers.js";
const deliveryFormats = [provisioningFiles, kubernetesFiles, rulerFiles, composeFiles];
export {
  deliveryFormats
};
