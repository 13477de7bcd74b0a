/**
 * Label names the services do not have, found at build time: every dashboard query and rule is
 * judged by the live checks' own machinery, on an inventory built from what the config declares
 * (the profile's `labelNames`, the database and info metrics' labels, the labels the scrape adds)
 * instead of one read from the service. `sum by (endpoint)` over a metric labelled `handler`
 * collapses every series into one and `{code="500"}` on a metric labelled `status` selects
 * nothing; both build and validate clean otherwise, and show up only as a wrong panel or an alert
 * that never fires. Where the labels are not declared (a custom profile without `labelNames`, a
 * recording rule's output, `label_replace`) nothing is said.
 */
import type { Service } from '../config/types.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { BuildModel } from '../model/types.js';
import { checkExpressions, recordedSeries } from './live/checks.js';
import { declaredInventory, mergedInventory, type DeclaredInventory } from './live/declared.js';
import type { LiveExprContext } from './live/expr.js';

export function checkDeclaredLabels(model: BuildModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const declared = new Map<string, DeclaredInventory>();
  for (const service of model.services) {
    const d = declaredInventory(service);
    declared.set(service.name, d);
    for (const p of d.problems) {
      out.push({
        severity: 'error',
        check: 'config/label-names',
        where: { file: service.configFile ?? model.configFile, path: [`service ${service.name}`, p.field] },
        message: p.message,
        hint: "write labelNames: { <metric>: ['label', ...] } with the label names the library exports, or leave labelNames out",
      });
    }
  }
  const recordings = recordedSeries(model);
  const contexts = new Map<string, LiveExprContext | undefined>();
  const contextFor = (service: Service | undefined): LiveExprContext | undefined => {
    const key = service?.name ?? '';
    if (contexts.has(key)) return contexts.get(key);
    const inventory = service ? declared.get(service.name)?.inventory : mergedInventory([...declared.values()]);
    const ctx =
      inventory && inventory.series.size > 0 ? { inventory, recordings, declared: service?.metrics ?? {}, labelsOnly: true } : undefined;
    contexts.set(key, ctx);
    return ctx;
  };
  for (const d of checkExpressions(model, contextFor)) {
    const guessed = d.message.includes('did you mean');
    out.push({
      ...d,
      severity: 'error',
      check: 'promql/unknown-label',
      hint: guessed
        ? d.hint
        : `${d.hint}; if the series really carry it, declare it: in the service's targetLabels when Prometheus adds it to the targets, in the profile's labelNames when the service exports it`,
    });
  }
  return out;
}
