/**
 * dac SLOs → Sloth `prometheus/v1` specs, one per service, so that a team can move an SLO written
 * in TypeScript to Sloth (or keep one spec both tools read). What Sloth cannot say is written as
 * a comment above the SLO rather than dropped silently.
 */
import { stringify } from 'yaml';
import type { Budgeted, Slo } from '../model.js';
import { DEFAULT_TIERS } from '../windows.js';
import { SLOTH_PERIOD, SLOTH_TIER_LABEL } from './sloth.js';

const WINDOW = '{{.window}}';

/** What the SLO does that its Sloth spec cannot carry, one line each. */
function caveats(slo: Slo): string[] {
  const out: string[] = [];
  if (slo.period !== SLOTH_PERIOD)
    out.push(`period ${slo.period}: Sloth's is 30d unless \`sloth generate --default-slo-period ${slo.period}\` says otherwise`);
  if (JSON.stringify(slo.tiers) !== JSON.stringify(DEFAULT_TIERS))
    out.push(
      "its burn-rate tiers are not dac's defaults: Sloth takes other windows only from an AlertWindows file (--slo-period-windows-path)",
    );
  if (slo.downtime)
    out.push('dac counts the time every target is down as failed requests (README, "Downtime"); Sloth counts only the requests answered');
  if (slo.minRequestRate !== undefined)
    out.push(`dac keeps its alerts quiet below ${slo.minRequestRate} requests a second; Sloth has no such guard`);
  return out;
}

function alertBlock(slo: Slo, tier: Budgeted): Record<string, unknown> {
  if (!(tier === 'page' ? slo.alerting.page : slo.alerting.ticket)) return { disable: true };
  const own = slo.alerting.bySeverity?.[tier];
  // dac's Alertmanager config routes on severity page / ticket: written out, the alerts Sloth generates still route.
  const labels = { ...(own?.labels ?? {}), severity: slo.alerting.severity?.[tier] ?? tier };
  delete (labels as Record<string, string>)[SLOTH_TIER_LABEL];
  return {
    labels,
    ...(own?.annotations && Object.keys(own.annotations).length > 0 ? { annotations: own.annotations } : {}),
  };
}

function slothSlo(slo: Slo): Record<string, unknown> {
  const annotations = {
    runbook_url: slo.runbookUrl,
    ...(slo.dashboardUrl ? { dashboard_url: slo.dashboardUrl } : {}),
    ...slo.alerting.annotations,
  };
  return {
    name: slo.name,
    objective: slo.objective,
    ...(slo.description ? { description: slo.description } : {}),
    ...(slo.labels && Object.keys(slo.labels).length > 0 ? { labels: slo.labels } : {}),
    sli: { events: { error_query: slo.sli.errors(WINDOW), total_query: slo.sli.total(WINDOW) } },
    alerting: {
      name: slo.alerting.name,
      ...(Object.keys(slo.alerting.labels).length > 0 ? { labels: slo.alerting.labels } : {}),
      annotations,
      page_alert: alertBlock(slo, 'page'),
      ticket_alert: alertBlock(slo, 'ticket'),
    },
  };
}

/** One Sloth spec per service, by service name, in the order the SLOs come. */
export function slothSpecs(slos: readonly Slo[]): Map<string, string> {
  const byService = new Map<string, Slo[]>();
  for (const s of slos) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  const out = new Map<string, string>();
  for (const [service, list] of byService) {
    const header = [
      `# Sloth prometheus/v1 spec written by \`dac slo export\` from ${[...new Set(list.map((s) => s.source))].join(', ')}.`,
      '# `sloth generate -i <this file>` reads it, and so does dac from rules/slo/.',
    ];
    const body = list.map((s) => {
      const notes = caveats(s).map((c) => `  # ${s.name}: ${c}`);
      const yaml = stringify([slothSlo(s)], { lineWidth: 0 })
        .replace(/^/gm, '  ')
        .trimEnd();
      return [...notes, yaml].join('\n');
    });
    const top = stringify({ version: 'prometheus/v1', service }, { lineWidth: 0 }).trimEnd();
    out.set(service, [...header, top, 'slos:', ...body, ''].join('\n'));
  }
  return out;
}
