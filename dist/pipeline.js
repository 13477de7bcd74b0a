import { DacError, hasErrors } from "./core/diagnostic.js";
import { checkModel } from "./check/index.js";
import { emitFiles } from "./emit/files.js";
import { assembleModel } from "./model/assemble.js";
async function buildProject(root) {
  const model = await assembleModel(root);
  const diagnostics = checkModel(model);
  if (hasErrors(diagnostics)) throw new DacError(diagnostics);
  const files = emitFiles(model);
  return { model, files, diagnostics };
}
export {
  buildProject
};
