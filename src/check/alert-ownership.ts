/**
 * The alert and SLO names a team owns in `alerting` (`teams[].alerts`, `teams[].slos`), held
 * against the alerting rules the build made. The config step cannot do this: the names exist only
 * once every rule module has run and every SLO spec is imported.
 *
 * A name close to one the rules define is a typo: an error, since the alert would silently go to
 * the default team. Any other name is a warning: Alertmanager also routes alerts of rules dac does
 * not build (kube-prometheus-stack's, say), which a team may rightly own.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { BuildModel } from '../model/types.js';
import { editDistance } from '../promql/index.js';
import { isAlert } from '../rules/model.js';

/** The defined name a misspelling most likely meant: case aside, within a third of its length. */
function nearest(name: string, defined: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of defined) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

const SHOWN = 12;
const listed = (names: readonly string[]) =>
  names.length === 0 ? '(none)' : names.length <= SHOWN ? names.join(', ') : `${names.slice(0, SHOWN).join(', ')}, …`;

export function checkAlertOwnership(model: BuildModel): Diagnostic[] {
  if (!model.alerting) return [];
  const alerts = new Set<string>();
  const slos = new Set<string>();
  for (const f of model.ruleFiles)
    for (const g of f.groups)
      for (const r of g.rules)
        if (isAlert(r)) {
          alerts.add(r.alert);
          if (r.labels?.slo !== undefined) slos.add(r.labels.slo);
        }
  const out: Diagnostic[] = [];
  const kinds = [
    { field: 'alerts', what: 'alert', defined: [...alerts].sort() },
    { field: 'slos', what: 'SLO', defined: [...slos].sort() },
  ] as const;
  for (const team of model.alerting.teams)
    for (const { field, what, defined } of kinds)
      for (const name of team[field]) {
        if (defined.includes(name)) continue;
        const near = nearest(name, defined);
        out.push({
          severity: near ? 'error' : 'warning',
          check: 'config/alerting',
          where: { file: model.configFile, path: ['alerting', `team ${team.name}`, field, name] },
          message: near
            ? `no rule defines the ${what} "${name}": did you mean "${near}"?`
            : `no rule dac builds defines the ${what} "${name}", so the team gets it only from rules dac does not build`,
          hint: near
            ? `write '${near}': as it is, its alerts go to the team that owns their service, or to the default team`
            : `if the name is dac's, correct it; the ${what}s dac's rules define are ${listed(defined)}`,
        });
      }
  return out;
}
