import { sloAlertName } from "../service.js";
import { DEFAULT_TIERS } from "../windows.js";
import { linksFor, reservedLabelProblems, sharedGrouping, windowQuery } from "./convert.js";
import { SCHEMAS, validateDocument } from "./validate.js";
const SLOTH_PERIOD = "30d";
function isSlothDocument(doc) {
  return typeof doc === "object" && doc !== null && "version" in doc && String(doc.version).startsWith("prometheus/");
}
function slothSlos(doc, file, services, problems) {
  const schemaProblems = validateDocument(SCHEMAS.sloth, doc, file, []);
  if (schemaProblems.length > 0) {
    problems.push(...schemaProblems);
    return [];
  }
  const spec = doc;
  const service = services.find((s) => s.name === spec.service);
  const links = linksFor(spec.service, service);
  const out = [];
  spec.slos.forEach((s, i) => {
    const path = [`slos[${i}] (${s.name})`];
    const before = problems.length;
    const problem = (field) => (message, hint) => problems.push({ severity: "error", check: "slo/spec", where: { file, path: [...path, field] }, message, hint });
    const errors = windowQuery(s.sli.events.error_query, problem("sli.events.error_query"));
    const total = windowQuery(s.sli.events.total_query, problem("sli.events.total_query"));
    const grouping = sharedGrouping([s.sli.events.error_query, s.sli.events.total_query], problem("sli.events"));
    const a = s.alerting ?? {};
    const labels = { ...spec.labels ?? {}, ...s.labels ?? {} };
    problems.push(
      ...reservedLabelProblems(labels, file, path),
      ...reservedLabelProblems(a.labels, file, [...path, "alerting"]),
      ...reservedLabelProblems(a.page_alert?.labels, file, [...path, "alerting.page_alert"]),
      ...reservedLabelProblems(a.ticket_alert?.labels, file, [...path, "alerting.ticket_alert"])
    );
    if (problems.length > before || !errors || !total || !grouping) return;
    const name = a.name ?? sloAlertName(s.name);
    out.push({
      service: spec.service,
      ...service ? { job: service.selector.job } : {},
      serviceTitle: links.serviceTitle,
      name: s.name,
      kind: "ratio",
      objective: s.objective,
      period: SLOTH_PERIOD,
      ...s.description ? { description: s.description } : {},
      sli: { errors, total },
      ...Object.keys(labels).length > 0 ? { labels } : {},
      ...grouping,
      tiers: [...DEFAULT_TIERS],
      alerting: {
        name,
        labels: { ...a.labels ?? {} },
        annotations: { ...a.annotations ?? {} },
        page: !a.page_alert?.disable,
        ticket: !a.ticket_alert?.disable,
        bySeverity: {
          page: { labels: { ...a.page_alert?.labels ?? {} }, annotations: { ...a.page_alert?.annotations ?? {} } },
          ticket: { labels: { ...a.ticket_alert?.labels ?? {} }, annotations: { ...a.ticket_alert?.annotations ?? {} } }
        }
      },
      runbookUrl: links.runbookUrl(name),
      ...links.dashboardUrl ? { dashboardUrl: links.dashboardUrl } : {},
      source: file,
      path
    });
  });
  return out;
}
export {
  SLOTH_PERIOD,
  isSlothDocument,
  slothSlos
};
