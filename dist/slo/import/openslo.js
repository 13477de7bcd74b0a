import { sloAlertName } from "../service.js";
import { DEFAULT_TIERS } from "../windows.js";
import { linksFor, sharedGrouping, windowQuery } from "./convert.js";
import { SCHEMAS, validateDocument } from "./validate.js";
const IGNORED_KINDS = /* @__PURE__ */ new Set(["Service", "DataSource", "AlertPolicy", "AlertCondition", "AlertNotificationTarget"]);
function isOpenSloDocument(doc) {
  return typeof doc === "object" && doc !== null && String(doc.apiVersion ?? "").startsWith("openslo/");
}
function openSloSlos(docs, file, services, problems) {
  const slis = /* @__PURE__ */ new Map();
  const slos = [];
  docs.forEach((doc, i) => {
    const path = docs.length > 1 ? [`document ${i + 1}`] : [];
    const kind = doc?.kind;
    if (kind === "SLI") {
      const p = validateDocument(SCHEMAS.openSloSli, doc, file, path);
      problems.push(...p);
      if (p.length === 0) slis.set(doc.metadata.name, doc.spec);
    } else if (kind === "SLO") {
      const p = validateDocument(SCHEMAS.openSloSlo, doc, file, path);
      problems.push(...p);
      if (p.length === 0) slos.push([doc, [...path, `SLO ${doc.metadata.name}`]]);
    } else if (!IGNORED_KINDS.has(String(kind))) {
      problems.push({
        severity: "error",
        check: "slo/spec",
        where: { file, path: [...path, "kind"] },
        message: `kind ${JSON.stringify(kind)} is not an OpenSLO v1 kind dac reads`,
        hint: "dac imports SLO and SLI documents (and skips Service, DataSource and alerting kinds)"
      });
    }
  });
  const out = [];
  for (const [doc, path] of slos) {
    const sli = doc.spec.indicator?.spec ?? slis.get(doc.spec.indicatorRef ?? "");
    const problem = (field) => (message, hint) => problems.push({ severity: "error", check: "slo/spec", where: { file, path: [...path, field] }, message, hint });
    if (!sli) {
      problem("spec.indicatorRef")(
        `no SLI named "${doc.spec.indicatorRef}" in this file`,
        "define the SLI in the same file, or inline it under spec.indicator"
      );
      continue;
    }
    const before = problems.length;
    const m = sli.ratioMetric;
    const total = windowQuery(m.total.metricSource.spec.query, problem("ratioMetric.total"));
    const grouping = sharedGrouping(
      [m.total, m.bad ?? m.good].map((q) => q.metricSource.spec.query),
      problem("ratioMetric")
    );
    let errors;
    if (m.bad) errors = windowQuery(m.bad.metricSource.spec.query, problem("ratioMetric.bad"));
    else {
      const good = windowQuery(m.good.metricSource.spec.query, problem("ratioMetric.good"));
      if (good && total) errors = (w) => `${total(w)} - (${good(w)} or ${total(w)} * 0)`;
    }
    if (problems.length > before || !errors || !total || !grouping) continue;
    const o = doc.spec.objectives[0];
    const objective = o.targetPercent ?? Number(((o.target ?? NaN) * 100).toPrecision(12));
    const service = services.find((s) => s.name === doc.spec.service);
    const links = linksFor(doc.spec.service, service);
    const name = sloAlertName(doc.metadata.name);
    const description = doc.spec.description ?? sli.description ?? doc.metadata.displayName;
    out.push({
      service: doc.spec.service,
      ...service ? { job: service.selector.job } : {},
      serviceTitle: links.serviceTitle,
      name: doc.metadata.name,
      kind: "ratio",
      objective,
      period: doc.spec.timeWindow[0].duration,
      ...description ? { description } : {},
      sli: { errors, total },
      ...grouping,
      tiers: [...DEFAULT_TIERS],
      alerting: { name, labels: {}, annotations: {}, page: true, ticket: true },
      runbookUrl: links.runbookUrl(name),
      ...links.dashboardUrl ? { dashboardUrl: links.dashboardUrl } : {},
      source: file,
      path
    });
  }
  return out;
}
export {
  isOpenSloDocument,
  openSloSlos
};
