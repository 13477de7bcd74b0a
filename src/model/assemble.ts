/**
 * Evaluates every definition for every service into the build model. Errors are collected and
 * located (module, service, object) so one run reports all of them.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { DacError } from '../core/diagnostic.js';
import { resolveAlerting } from '../config/routing.js';
import { resolveOutputs } from '../config/outputs.js';
import { resolveConfig, resolveDelivery } from '../config/validate.js';
import type { DacConfig, Service } from '../config/types.js';
import type { DashboardRef } from '../definitions/define.js';
import { loadProject, type LoadedProject, type ModuleCache } from '../definitions/load.js';
import { normalizeDashboard } from '../dashboards/normalize.js';
import { importSloSpecs } from '../slo/import/index.js';
import type { BuildModel, BuiltDashboard, BuiltRuleFile } from './types.js';
import { importedSlosOf } from './imported-slos.js';
import { dashboardUid } from '../core/uid.js';
import { projectIdentity } from './project.js';
import { dashboardFrom, reporter, ruleGroupsFrom, testCasesFrom } from './returned-shapes.js';

const ID = /^[a-z][a-z0-9-]*$/;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `cache` (dac watch) keeps the modules of unchanged definitions loaded between builds. */
export async function assembleModel(root: string, cache?: ModuleCache): Promise<BuildModel> {
  const project = await loadProject(root, cache);
  const services = resolveConfig(project.config.value, project.config.source);
  return assembleLoaded(project, await importSloSpecs(root, services), services);
}

export function assembleLoaded(
  project: LoadedProject,
  imported: BuiltRuleFile[] = [],
  services = resolveConfig(project.config.value, project.config.source),
): BuildModel {
  const problems: Diagnostic[] = [];
  const problem = (file: string, path: string[], message: string, hint?: string) =>
    problems.push({ severity: 'error', check: 'build', where: { file, path }, message, ...(hint ? { hint } : {}) });
  const guard = <T>(file: string, path: string[], what: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof DacError) problems.push(...err.diagnostics);
      else problem(file, path, `${what} threw: ${errorText(err)}`, 'fix the definition; out/ was left unchanged');
      return undefined;
    }
  };

  for (const defs of [project.dashboards, project.rules]) {
    const ids = new Map<string, string>();
    for (const { source, value } of defs) {
      if (typeof value.id !== 'string' || !ID.test(value.id)) {
        problem(
          source,
          [`${value.kind} ${String(value.id)}`],
          `id "${String(value.id)}" must be lower-case letters, digits and dashes`,
          `write an id such as "${
            String(value.id)
              .toLowerCase()
              .replace(/[^a-z0-9-]+/g, '-')
              .replace(/^[^a-z]+/, '') || 'my-dashboard'
          }": it becomes part of the uid and file name`,
        );
      } else if (ids.has(value.id)) {
        problem(
          source,
          [`${value.kind} ${value.id}`],
          `id "${value.id}" is already used by ${ids.get(value.id)}`,
          'give each definition its own id',
        );
      } else ids.set(value.id, source);
    }
  }

  const identity = projectIdentity(project.root, project.config.value, project.config.source, problems);
  const dashboards: BuiltDashboard[] = [];
  const ruleFiles: BuiltRuleFile[] = [];
  for (const service of services) {
    const applies = (source: string, def: { id: string; appliesTo?: (s: Service) => boolean }) =>
      guard(source, [`service ${service.name}`], `appliesTo of ${def.id}`, () => def.appliesTo?.(service) ?? true) === true;
    const mine = project.dashboards.filter((d) => applies(d.source, d.value));
    const refs: DashboardRef[] = mine.map(({ value }) => ({
      id: value.id,
      uid: dashboardUid(service.name, value.id),
      title: `${service.title} / ${value.title}`,
    }));
    mine.forEach(({ source, value }, i) => {
      const ref = refs[i]!;
      const path = [`service ${service.name}`, `dashboard ${ref.uid}`];
      const built = guard(source, path, 'build()', () =>
        dashboardFrom(
          value.build({ service, uid: ref.uid, title: ref.title, dashboards: refs, importedSlos: importedSlosOf(service, imported) }),
          reporter(problems, source, path),
        ),
      );
      if (!built) return;
      const json = guard(source, path, 'normalising the dashboard', () => normalizeDashboard(built, { uid: ref.uid, title: ref.title }));
      if (json) json.tags = [...new Set([...(json.tags ?? []), identity.tag])];
      if (json) dashboards.push({ service, source, ref, outPath: `dashboards/${ref.uid}.json`, json });
    });
    for (const { source, value } of project.rules) {
      if (!applies(source, value)) continue;
      const stem = `${service.name}-${value.id}`;
      const path = [`service ${service.name}`, `rules ${stem}`];
      const ctx = { service, dashboards: refs };
      const report = reporter(problems, source, path);
      const groups = guard(source, path, 'build()', () => ruleGroupsFrom(value.build(ctx), report));
      const tests = guard(source, path, 'tests()', () => testCasesFrom(value.tests?.(ctx), report));
      if (groups && tests) ruleFiles.push({ service, source, stem, outPath: `rules/${stem}.yml`, groups, tests });
    }
  }
  ruleFiles.push(...imported);

  const uids = new Map<string, string>();
  for (const d of dashboards) {
    const other = uids.get(d.ref.uid);
    if (other)
      problem(
        d.source,
        [`dashboard ${d.ref.uid}`],
        `uid "${d.ref.uid}" is also emitted by ${other}`,
        'two dashboards cannot share a uid: rename one id',
      );
    else uids.set(d.ref.uid, d.source);
  }
  // Grafana keys dashboards by title inside a folder: a second one would overwrite the first on push.
  const titles = new Map<string, string>();
  for (const d of dashboards) {
    const key = `${d.service.grafanaFolder ?? ''}\u0000${d.ref.title}`;
    const other = titles.get(key);
    if (other)
      problem(
        d.source,
        [`dashboard ${d.ref.uid}`],
        `title "${d.ref.title}" is also used by ${other} in the same Grafana folder${d.service.grafanaFolder ? ` "${d.service.grafanaFolder}"` : ''}`,
        'give each dashboard of a folder its own title: Grafana would replace one with the other',
      );
    else titles.set(key, `dashboard ${d.ref.uid} (${d.source})`);
  }
  const stems = new Map<string, string>();
  const groupNames = new Map<string, string>();
  for (const f of ruleFiles) {
    const other = stems.get(f.outPath);
    if (other) problem(f.source, [`rules ${f.stem}`], `rule file ${f.outPath} is also emitted by ${other}`, 'rename one definition');
    else stems.set(f.outPath, f.source);
    for (const g of f.groups) {
      const prev = groupNames.get(g.name);
      if (prev)
        problem(
          f.source,
          [`rules ${f.stem}`, `group ${g.name}`],
          `rule group "${g.name}" is also defined in ${prev}`,
          'rule group names must be unique: Prometheus and the rulers key groups by name',
        );
      else groupNames.set(g.name, f.source);
    }
  }
  if (problems.length > 0) throw new DacError(problems);
  return {
    root: project.root,
    configFile: project.config.source,
    services,
    project: identity,
    delivery: resolveDelivery(project.config.value),
    outputs: resolveOutputs(project.config.value),
    // Checked by resolveConfig: 2 or 3.
    minPrometheusVersion: (project.config.value as DacConfig | undefined)?.minPrometheusVersion ?? 2,
    ...alertingOf(project.config.value, project.config.source, services),
    dashboards,
    ruleFiles,
  };
}

function alertingOf(config: unknown, file: string, services: readonly Service[]): Pick<BuildModel, 'alerting'> {
  const alerting = resolveAlerting(
    config,
    file,
    services.map((s) => s.name),
  );
  return alerting ? { alerting } : {};
}
