/** Tier-1 checks over the in-memory build model (work in progress: filled in by the check engineer). */
import type { Diagnostic } from './diagnostic.js';
import type { BuildModel } from '../model/types.js';

export function checkModel(model: BuildModel): Diagnostic[] {
  void model;
  return [];
}
