import { ruleFileDocument } from "./rule-files.js";
import { generatedHeader, stableJson, yamlBody } from "./serialize.js";
const dashboards = /* @__PURE__ */ new WeakMap();
const ruleBodies = /* @__PURE__ */ new WeakMap();
function dashboardText(d) {
  let text = dashboards.get(d);
  if (text === void 0) dashboards.set(d, text = stableJson(d.json));
  return text;
}
function ruleFileBody(f) {
  let text = ruleBodies.get(f);
  if (text === void 0) ruleBodies.set(f, text = yamlBody(ruleFileDocument(f)));
  return text;
}
function ruleFileText(f) {
  return `${generatedHeader(f.source)}
${ruleFileBody(f)}`;
}
function ruleGroupItems(f) {
  const body = ruleFileBody(f);
  if (!body.startsWith("groups:\n")) throw new Error(`unexpected rule file shape for ${f.outPath}`);
  return body.slice("groups:\n".length);
}
export {
  dashboardText,
  ruleFileBody,
  ruleFileText,
  ruleGroupItems
};
