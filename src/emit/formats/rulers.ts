/**
 * Rule files for Mimir and Cortex rulers: one namespace per service (mimirtool and
 * cortextool load `namespace:` + `groups:` files). Ruler-only fields such as `source_tenants` live
 * here only, so the plain Prometheus files stay acceptable to promtool.
 */
import type { BuildModel, BuiltRuleFile } from '../../model/types.js';
import { ruleFileDocument } from '../rule-files.js';
import { generatedHeader, yamlBody } from '../serialize.js';
import { ruleGroupItems } from '../texts.js';

export function rulerFiles(model: BuildModel): [string, string][] {
  const byNamespace = new Map<string, BuiltRuleFile[]>();
  for (const f of model.ruleFiles) {
    const namespace = f.service?.name ?? f.stem;
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), f]);
  }
  const tenants = model.delivery.rulers.sourceTenants;
  return [...byNamespace.entries()].map(([namespace, files]) => {
    const header = generatedHeader([...new Set(files.map((f) => f.source))].join(', '));
    // Without ruler-only fields the groups are the rule files' own text; with them, each group changes.
    const groups =
      tenants.length === 0
        ? `groups:\n${files.map(ruleGroupItems).join('')}`
        : yamlBody({ groups: files.flatMap((f) => ruleFileDocument(f).groups.map((g) => ({ ...g, source_tenants: tenants }))) });
    return [`rulers/${namespace}.yml`, `${header}\n${yamlBody({ namespace })}${groups}`];
  });
}
