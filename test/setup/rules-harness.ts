/**
 * Build rule modules for the Items API in-process and write them as promtool would read them, the
 * way the build emits them: YAML without line folding, one rule file and one test file per module.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import config from '../../dac.config.js';
import { resolveConfig } from '../../src/config/validate.js';
import type { Service } from '../../src/config/types.js';
import type { RuleContext, RuleDefinition } from '../../src/definitions/define.js';
import type { PromtoolTestCase, PromtoolTestFile, RuleGroup } from '../../src/rules/model.js';

export const DASHBOARD_IDS = ['http-overview', 'business', 'database', 'red', 'slo'];

export function itemsApi(): Service {
  const [service] = resolveConfig(config, 'dac.config.ts');
  return service!;
}

export function contextFor(service: Service, ids: readonly string[] = DASHBOARD_IDS): RuleContext {
  return { service, dashboards: ids.map((id) => ({ id, uid: `${service.name}-${id}`, title: `${service.title} / ${id}` })) };
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'dac-rules-'));
}

export function yaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function writeRuleFile(dir: string, name: string, groups: RuleGroup[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, yaml({ groups }));
  return file;
}

export function writeTestFile(dir: string, name: string, doc: PromtoolTestFile): string {
  const file = path.join(dir, name);
  writeFileSync(file, yaml(doc));
  return file;
}

/** Rule file `<id>.yml` and test file `<id>.test.yml` of one definition for one service. */
export function emitDefinition(
  dir: string,
  def: RuleDefinition,
  ctx: RuleContext,
): { rules: string; tests: string; groups: RuleGroup[]; cases: PromtoolTestCase[] } {
  const groups = def.build(ctx);
  const cases = def.tests ? def.tests(ctx) : [];
  const rules = writeRuleFile(dir, `${def.id}.yml`, groups);
  const tests = writeTestFile(dir, `${def.id}.test.yml`, { rule_files: [`${def.id}.yml`], evaluation_interval: '1m', tests: cases });
  return { rules, tests, groups, cases };
}
