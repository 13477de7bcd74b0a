import { ruleFileDocument } from "../rule-files.js";
import { generatedHeader, yamlBody } from "../serialize.js";
import { ruleGroupItems } from "../texts.js";
function rulerFiles(model) {
  const byNamespace = /* @__PURE__ */ new Map();
  for (const f of model.ruleFiles) {
    const namespace = f.service?.name ?? f.stem;
    byNamespace.set(namespace, [...byNamespace.get(namespace) ?? [], f]);
  }
  const tenants = model.delivery.rulers.sourceTenants;
  return [...byNamespace.entries()].map(([namespace, files]) => {
    const header = generatedHeader([...new Set(files.map((f) => f.source))].join(", "));
    const groups = tenants.length === 0 ? `groups:
${files.map(ruleGroupItems).join("")}` : yamlBody({ groups: files.flatMap((f) => ruleFileDocument(f).groups.map((g) => ({ ...g, source_tenants: tenants }))) });
    return [`rulers/${namespace}.yml`, `${header}
${yamlBody({ namespace })}${groups}`];
  });
}
export {
  rulerFiles
};
