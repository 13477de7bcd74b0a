/**
 * What the e2e suite runs is what `dac build` emits: the build runs in memory from the repository's
 * definitions and its files are written to a scratch folder, so the suite never depends on out/
 * being current and never runs hand-written copies of rules or dashboards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

import { buildProject } from '../../src/pipeline.js';
import { APP_JOB } from '../../tools/stack/index.js';
import { REPO_ROOT } from '../../tools/stack/paths.js';

export interface EmittedRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
}

export interface EmittedRuleFile {
  /** Absolute path of the written file. */
  file: string;
  /** out-relative path, e.g. rules/items-api-alerts.yml. */
  outPath: string;
  groups: Array<{ name: string; rules: EmittedRule[] }>;
}

export interface EmittedDashboard {
  outPath: string;
  uid: string;
  title: string;
  json: Record<string, unknown> & { panels?: unknown[]; templating?: { list?: unknown[] }; time?: { from: string; to: string } };
}

export interface BuildOutput {
  dir: string;
  ruleFiles: EmittedRuleFile[];
  /** Dashboards of the service the stack runs (selector job = the scrape job). */
  dashboards: EmittedDashboard[];
  alertmanagerConfig: string;
}

/** `project`: the dac project to build (default this repository's) and the scrape job its stack runs. */
export async function buildInto(
  dir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'dac-e2e-build-')),
  project: { root: string; job: string } = { root: REPO_ROOT, job: APP_JOB },
): Promise<BuildOutput> {
  const { model, files } = await buildProject(project.root);
  for (const [rel, text] of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const read = (rel: string): string => {
    const text = files.get(rel);
    if (text === undefined) throw new Error(`the build emitted no ${rel}`);
    return text;
  };

  const ruleFiles = model.ruleFiles.map((r) => ({
    file: path.join(dir, r.outPath),
    outPath: r.outPath,
    groups: (parse(read(r.outPath)) as { groups: EmittedRuleFile['groups'] }).groups,
  }));
  const dashboards = model.dashboards
    .filter((d) => d.service.selector.job === project.job)
    .map((d) => {
      const json = JSON.parse(read(d.outPath)) as EmittedDashboard['json'];
      return { outPath: d.outPath, uid: String(json['uid']), title: String(json['title']), json };
    });
  const alertmanagerConfig = path.join(dir, 'alertmanager', 'alertmanager.yml');
  read('alertmanager/alertmanager.yml');
  return { dir, ruleFiles, dashboards, alertmanagerConfig };
}
