/** `dac diff --format json` and `dac push --format json`: one document on stdout, whatever happened. */
import type { Diagnostic } from '../core/diagnostic.js';
import type { PlanItem } from '../deliver/grafana/push.js';
import { diagnosticJson, printJson } from './output.js';

/** A dashboard as diff and push report it: what happens to it, and for a diff the change as a unified diff. */
const itemJson = (s: PlanItem) => ({ action: s.action, uid: s.uid, title: s.title, ...(s.diff ? { diff: s.diff } : {}) });

const counts = (items: readonly PlanItem[]) => {
  const n = (a: string) => items.filter((s) => s.action === a).length;
  return { created: n('create'), updated: n('update'), deleted: n('delete'), unchanged: n('unchanged') };
};

export function printDiffJson(steps: readonly PlanItem[]): void {
  const drift = steps.filter((s) => s.action !== 'unchanged');
  printJson({ ok: drift.length === 0, drift: drift.length, dashboards: drift.map(itemJson), unchanged: steps.length - drift.length });
}

export function printPushJson(
  items: readonly PlanItem[],
  folders: readonly { uid: string; title: string }[],
  extra: { dryRun?: boolean; api?: string } = {},
): void {
  printJson({
    ok: true,
    ...(extra.dryRun ? { dryRun: true } : {}),
    ...(extra.api ? { api: extra.api } : {}),
    ...counts(items),
    folders: folders.map((f) => ({ action: 'create', ...f })),
    dashboards: items.filter((s) => s.action !== 'unchanged').map(itemJson),
  });
}

/** A push that stopped part-way, or a diff or push that could not start: what was done, and why not more. */
export function printFailureJson(
  diagnostics: readonly Diagnostic[],
  stopped?: { done: readonly PlanItem[]; folders: readonly { uid: string; title: string }[]; skipped: number },
): void {
  printJson({
    ok: false,
    ...(stopped
      ? {
          stopped: true,
          ...counts(stopped.done),
          notTried: stopped.skipped,
          folders: stopped.folders.map((f) => ({ action: 'create', ...f })),
          dashboards: stopped.done.map(itemJson),
        }
      : {}),
    diagnostics: diagnostics.map(diagnosticJson),
  });
}
