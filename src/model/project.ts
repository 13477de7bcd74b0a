/**
 * Which project this is: the config's `project`, else the name in the project's package.json,
 * else its folder's name. Read once per build; the model carries it to emit and deliver.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { projectTag } from '../core/project.js';

export interface ProjectIdentity {
  id: string;
  /** The Grafana tag every dashboard of the project carries. */
  tag: string;
}

function packageName(root: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function projectIdentity(root: string, config: unknown, configFile: string, problems: Diagnostic[]): ProjectIdentity {
  const declared = (config as { project?: unknown } | null)?.project;
  if (declared !== undefined && (typeof declared !== 'string' || !/^\S(.*\S)?$/.test(declared))) {
    problems.push({
      severity: 'error',
      check: 'config',
      where: { file: configFile, path: ['project'] },
      message: `must be a non-empty name without surrounding spaces, got ${JSON.stringify(declared)}`,
      hint: "write it like project: 'shop-monitoring': `dac push --prune` deletes only dashboards of this project",
    });
  }
  const id =
    typeof declared === 'string' && declared.trim() !== '' ? declared.trim() : (packageName(root) ?? path.basename(path.resolve(root)));
  return { id, tag: projectTag(id) };
}
