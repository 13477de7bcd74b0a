/**
 * The build as one chain: definitions → model → checks → files. Pure up to the file map; writing
 * out/ is the caller's last step, taken only when nothing above reported an error.
 */
import type { Diagnostic } from './core/diagnostic.js';
import { DacError, hasErrors } from './core/diagnostic.js';
import { checkModel } from './check/index.js';
import { emitFiles, type OutFiles } from './emit/files.js';
import { assembleModel } from './model/assemble.js';
import type { ModuleCache } from './definitions/load.js';
import type { BuildModel } from './model/types.js';

export interface BuildResult {
  model: BuildModel;
  files: OutFiles;
  /** Warnings and infos; errors are thrown as a DacError. */
  diagnostics: Diagnostic[];
}

export async function buildProject(root: string, cache?: ModuleCache): Promise<BuildResult> {
  const model = await assembleModel(root, cache);
  const diagnostics = checkModel(model);
  if (hasErrors(diagnostics)) throw new DacError(diagnostics);
  const files = emitFiles(model);
  return { model, files, diagnostics };
}
