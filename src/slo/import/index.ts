/**
 * Import SLO specs written for other tools: `rules/slo/*.yml` / `*.yaml` in Sloth's forms
 * (`prometheus/v1`, the PrometheusServiceLevel resource) or OpenSLO's (`v1`, `v1alpha`), one or
 * several documents a file, become the same rules as SLOs declared in `dac.config.ts`.
 */
import { parseAllDocuments } from 'yaml';
import { DacError } from '../../core/diagnostic.js';
import { loadSpecTexts, SLO_SPEC_DIR, type SpecText } from '../../definitions/spec-files.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Service } from '../../config/types.js';
import type { BuiltRuleFile } from '../../model/types.js';
import type { Slo } from '../model.js';
import { sloRuleGroups, validateSlo } from '../rules.js';
import { sloAlertTests } from '../tests.js';
import { synthesizeFixture } from './fixture.js';
import { isOpenSloDocument, openSloSlos } from './openslo.js';
import { slothFormOf, slothSlos } from './sloth.js';

export { SLO_SPEC_DIR };

/** SLOs of one spec file's text; problems are appended to `problems`. */
export function sloSpecSlos(text: string, file: string, services: readonly Service[], problems: Diagnostic[]): Slo[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const parsed: unknown[] = [];
  for (const doc of list) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line;
      problems.push({
        severity: 'error',
        check: 'slo/yaml',
        where: { file, ...(line ? { line } : {}), path: [] },
        message: e.message.split('\n')[0] ?? 'invalid YAML',
        hint: 'fix the YAML at that line; `npx yaml valid < file` shows the same error',
      });
    }
    if (doc.errors.length > 0 || doc.contents === null) continue;
    try {
      // Aliases are expanded here: a few lines of nested aliases can stand for billions of nodes.
      parsed.push(doc.toJS({ maxAliasCount: 100 }));
    } catch (err) {
      problems.push({
        severity: 'error',
        check: 'slo/yaml',
        where: { file, path: [] },
        message: `the YAML expands too far: ${err instanceof Error ? err.message : String(err)}`,
        hint: 'write the values out instead of nesting aliases (&anchor / *alias); dac expands at most 100 aliases per document',
      });
    }
  }
  if (problems.some((p) => p.where.file === file)) return [];
  if (parsed.length === 0) {
    problems.push({
      severity: 'error',
      check: 'slo/spec',
      where: { file, path: [] },
      message: 'the file holds no SLO spec: it is empty or only comments',
      hint: 'write a Sloth spec (`version: "prometheus/v1"`) or OpenSLO documents into it, or remove it from rules/slo/',
    });
    return [];
  }
  // Sloth reads a file of several documents as several service levels, and so does dac, in any mix.
  const at = (i: number): string[] => (parsed.length > 1 ? [`document ${i + 1}`] : []);
  const slos: Slo[] = [];
  const openSlo: [unknown, string[]][] = [];
  parsed.forEach((doc, i) => {
    if (slothFormOf(doc)) slos.push(...slothSlos(doc, file, at(i), services, problems));
    else if (isOpenSloDocument(doc)) openSlo.push([doc, at(i)]);
    else problems.push(notASpec(doc, file, at(i)));
  });
  if (openSlo.length > 0)
    slos.push(
      ...openSloSlos(
        openSlo.map(([d]) => d),
        file,
        services,
        problems,
        openSlo.map(([, p]) => p),
      ),
    );
  return slos;
}

function notASpec(doc: unknown, file: string, path: string[]): Diagnostic {
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as { apiVersion?: unknown; kind?: unknown; version?: unknown };
  const where = { file, path };
  if (String(d.apiVersion ?? '').startsWith('sloth.slok.dev/') && d.kind === 'AlertWindows')
    return {
      severity: 'error',
      check: 'slo/spec',
      where,
      message: 'Sloth AlertWindows are not read: they are options of `sloth generate`, not an SLO',
      hint: "dac derives its burn-rate windows from the period (see the README's SLOs section); to choose a period or other tiers, write the SLO in TypeScript (ratioSlo with period and tiers) and remove this file",
    };
  const what =
    d.version !== undefined
      ? `version ${JSON.stringify(d.version)}`
      : d.apiVersion !== undefined
        ? `apiVersion ${JSON.stringify(d.apiVersion)}${d.kind !== undefined ? `, kind ${JSON.stringify(d.kind)}` : ''}`
        : 'a document without version or apiVersion';
  return {
    severity: 'error',
    check: 'slo/spec',
    where,
    message: `not an SLO spec dac reads (${what})`,
    hint: 'rules/slo/ takes Sloth specs (`version: "prometheus/v1"`, or `apiVersion: sloth.slok.dev/v1` with `kind: PrometheusServiceLevel`) and OpenSLO documents (`apiVersion: openslo/v1` or `openslo/v1alpha`)',
  };
}

function duplicateProblems(slos: readonly Slo[], services: readonly Service[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, Slo>();
  for (const s of slos) {
    const key = `${s.service}/${s.name}`;
    const earlier = seen.get(key);
    const configured = services.find((svc) => svc.name === s.service)?.slos.some((c) => c.name === s.name);
    if (earlier || configured)
      out.push({
        severity: 'error',
        check: 'slo/duplicate',
        where: { file: s.source, path: s.path },
        message: `service ${s.service} already has an SLO named "${s.name}" (${earlier ? earlier.source : 'dac.config.ts'})`,
        hint: 'their recorded series would collide; rename one of them',
      });
    seen.set(key, s);
  }
  return out;
}

/**
 * Every spec under `<root>/rules/slo/` and its subfolders, sorted by path, as one rule file each
 * (`out/rules/slo-<name>.yml`; `slo-<folder>-<name>.yml` for one in a subfolder). `services` are
 * the configured services: a spec whose service is one of them gets its runbook and dashboard
 * links and is checked against its SLO names.
 */
export async function importSloSpecs(root: string, services: readonly Service[] = []): Promise<BuiltRuleFile[]> {
  return Promise.resolve(importSloSpecTexts(loadSpecTexts(root), services));
}

/** The rule files of spec texts already read: a pure function of the text. */
export function importSloSpecTexts(texts: readonly SpecText[], services: readonly Service[] = []): BuiltRuleFile[] {
  const problems: Diagnostic[] = [];
  const perFile: [string, Slo[]][] = [];
  for (const { name, source, text } of texts) {
    const slos = sloSpecSlos(text, source, services, problems);
    for (const s of slos) problems.push(...validateSlo(s));
    perFile.push([name, slos]);
  }
  problems.push(
    ...duplicateProblems(
      perFile.flatMap(([, s]) => s),
      services,
    ),
  );
  if (problems.length > 0) throw new DacError(problems);
  return perFile.map(([name, slos]) => {
    // out/rules/ stays flat (Prometheus and the rulers read one folder): team-a/reads.yml → slo-team-a-reads.
    const stem = `slo-${name.replace(/\.ya?ml$/, '').replaceAll('/', '-')}`;
    const owners = [...new Set(slos.map((s) => s.service))];
    const service = owners.length === 1 ? services.find((s) => s.name === owners[0]) : undefined;
    const withFixtures = slos.map((s) => {
      // promtool expects every alert of a name at once: a test of one SLO would see the alerts of
      // another of the same file and name (Sloth's several service levels with one alert name).
      const shared = slos.some((o) => o !== s && o.alerting.name === s.alerting.name);
      const fixture = shared ? undefined : synthesizeFixture(s);
      return fixture ? { ...s, fixture } : s;
    });
    return {
      ...(service ? { service } : {}),
      source: `${SLO_SPEC_DIR}/${name}`,
      stem,
      outPath: `rules/${stem}.yml`,
      groups: withFixtures.flatMap(sloRuleGroups),
      tests: withFixtures.flatMap(sloAlertTests),
    };
  });
}
