/**
 * Rule files for Mimir, Cortex and Thanos-style rulers: one namespace per service (mimirtool and
 * cortextool load `namespace:` + `groups:` files). Ruler-only fields such as `source_tenants` live
 * here only, so the plain Prometheus files stay acceptable to promtool.
 */
import type { BuildModel } from '../../model/types.js';
import { ruleFileDocument } from '../rule-files.js';
import { yamlText } from '../serialize.js';

export function rulerFiles(model: BuildModel): [string, string][] {
  const byNamespace = new Map<string, { sources: string[]; groups: ReturnType<typeof ruleFileDocument>['groups'] }>();
  for (const f of model.ruleFiles) {
    const namespace = f.service?.name ?? f.stem;
    const entry = byNamespace.get(namespace) ?? { sources: [], groups: [] };
    entry.sources.push(f.source);
    entry.groups.push(...ruleFileDocument(f).groups);
    byNamespace.set(namespace, entry);
  }
  const tenants = model.delivery.rulers.sourceTenants;
  return [...byNamespace.entries()].map(([namespace, { sources, groups }]) => {
    const doc = {
      namespace,
      groups: groups.map((g) => (tenants.length > 0 ? { ...g, source_tenants: tenants } : g)),
    };
    return [`rulers/${namespace}.yml`, yamlText(doc, [...new Set(sources)].join(', '))];
  });
}
