/**
 * Each dashboard's JSON and each rule file's YAML are serialised once per build, however many
 * delivery formats embed them: at 200 services this halves the build.
 */
import type { BuiltDashboard, BuiltRuleFile } from '../model/types.js';
import { ruleFileDocument } from './rule-files.js';
import { generatedHeader, stableJson, yamlBody } from './serialize.js';

const dashboards = new WeakMap<BuiltDashboard, string>();
const ruleBodies = new WeakMap<BuiltRuleFile, string>();

export function dashboardText(d: BuiltDashboard): string {
  let text = dashboards.get(d);
  if (text === undefined) dashboards.set(d, (text = stableJson(d.json)));
  return text;
}

/** The rule file's YAML without its header: `groups:` and the list below it. */
export function ruleFileBody(f: BuiltRuleFile): string {
  let text = ruleBodies.get(f);
  if (text === undefined) ruleBodies.set(f, (text = yamlBody(ruleFileDocument(f))));
  return text;
}

export function ruleFileText(f: BuiltRuleFile): string {
  return `${generatedHeader(f.source)}\n${ruleFileBody(f)}`;
}

/** The items of the `groups:` list, as they stand in the rule file. */
export function ruleGroupItems(f: BuiltRuleFile): string {
  const body = ruleFileBody(f);
  if (!body.startsWith('groups:\n')) throw new Error(`unexpected rule file shape for ${f.outPath}`);
  return body.slice('groups:\n'.length);
}
