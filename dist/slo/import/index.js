import { parseAllDocuments } from "yaml";
import { DacError } from "../../core/diagnostic.js";
import { loadSpecTexts, SLO_SPEC_DIR } from "../../definitions/spec-files.js";
import { sloRuleGroups, validateSlo } from "../rules.js";
import { sloAlertTests } from "../tests.js";
import { synthesizeFixture } from "./fixture.js";
import { isOpenSloDocument, openSloSlos } from "./openslo.js";
import { isSlothDocument, slothSlos } from "./sloth.js";
function sloSpecSlos(text, file, services, problems) {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const parsed = [];
  for (const doc of list) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line;
      problems.push({
        severity: "error",
        check: "slo/yaml",
        where: { file, ...line ? { line } : {}, path: [] },
        message: e.message.split("\n")[0] ?? "invalid YAML",
        hint: "fix the YAML at that line; `npx yaml valid < file` shows the same error"
      });
    }
    if (doc.errors.length > 0 || doc.contents === null) continue;
    try {
      parsed.push(doc.toJS({ maxAliasCount: 100 }));
    } catch (err) {
      problems.push({
        severity: "error",
        check: "slo/yaml",
        where: { file, path: [] },
        message: `the YAML expands too far: ${err instanceof Error ? err.message : String(err)}`,
        hint: "write the values out instead of nesting aliases (&anchor / *alias); dac expands at most 100 aliases per document"
      });
    }
  }
  if (problems.some((p) => p.where.file === file)) return [];
  if (parsed.length === 1 && isSlothDocument(parsed[0])) return slothSlos(parsed[0], file, services, problems);
  if (parsed.length > 0 && parsed.every(isOpenSloDocument)) return openSloSlos(parsed, file, services, problems);
  problems.push({
    severity: "error",
    check: "slo/spec",
    where: { file, path: [] },
    message: "not a Sloth prometheus/v1 spec nor OpenSLO v1 documents",
    hint: 'start the file with `version: "prometheus/v1"` (Sloth) or `apiVersion: openslo/v1` (OpenSLO)'
  });
  return [];
}
function duplicateProblems(slos, services) {
  const out = [];
  const seen = /* @__PURE__ */ new Map();
  for (const s of slos) {
    const key = `${s.service}/${s.name}`;
    const earlier = seen.get(key);
    const configured = services.find((svc) => svc.name === s.service)?.slos.some((c) => c.name === s.name);
    if (earlier || configured)
      out.push({
        severity: "error",
        check: "slo/duplicate",
        where: { file: s.source, path: s.path },
        message: `service ${s.service} already has an SLO named "${s.name}" (${earlier ? earlier.source : "dac.config.ts"})`,
        hint: "their recorded series would collide; rename one of them"
      });
    seen.set(key, s);
  }
  return out;
}
async function importSloSpecs(root, services = []) {
  return Promise.resolve(importSloSpecTexts(loadSpecTexts(root), services));
}
function importSloSpecTexts(texts, services = []) {
  const problems = [];
  const perFile = [];
  for (const { name, source, text } of texts) {
    const slos = sloSpecSlos(text, source, services, problems);
    for (const s of slos) problems.push(...validateSlo(s));
    perFile.push([name, slos]);
  }
  problems.push(
    ...duplicateProblems(
      perFile.flatMap(([, s]) => s),
      services
    )
  );
  if (problems.length > 0) throw new DacError(problems);
  return perFile.map(([name, slos]) => {
    const stem = `slo-${name.replace(/\.ya?ml$/, "")}`;
    const owners = [...new Set(slos.map((s) => s.service))];
    const service = owners.length === 1 ? services.find((s) => s.name === owners[0]) : void 0;
    const withFixtures = slos.map((s) => {
      const fixture = synthesizeFixture(s);
      return fixture ? { ...s, fixture } : s;
    });
    return {
      ...service ? { service } : {},
      source: `${SLO_SPEC_DIR}/${name}`,
      stem,
      outPath: `rules/${stem}.yml`,
      groups: withFixtures.flatMap(sloRuleGroups),
      tests: withFixtures.flatMap(sloAlertTests)
    };
  });
}
export {
  SLO_SPEC_DIR,
  importSloSpecTexts,
  importSloSpecs,
  sloSpecSlos
};
