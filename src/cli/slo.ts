/** `dac slo export`: the SLOs defined in TypeScript as Sloth prometheus/v1 specs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SLO_SPEC_DIR } from '../definitions/spec-files.js';
import { assembleModel } from '../model/assemble.js';
import { slothSpecs } from '../slo/import/export.js';
import type { Slo } from '../slo/model.js';
import { sloOfGroup } from '../slo/rules.js';

export interface SloExportOptions {
  dir: string;
  service?: string;
  /** A folder to write `<service>.yml` into; standard output without it. */
  out?: string;
}

export async function runSloExport(opts: SloExportOptions): Promise<number> {
  const root = path.resolve(opts.dir);
  const model = await assembleModel(root);
  const slos: Slo[] = [];
  for (const f of model.ruleFiles) {
    // Imported specs are specs already.
    if (f.source.startsWith(`${SLO_SPEC_DIR}/`)) continue;
    for (const g of f.groups) {
      const slo = sloOfGroup(g);
      if (slo && (opts.service === undefined || slo.service === opts.service)) slos.push(slo);
    }
  }
  if (slos.length === 0) {
    process.stderr.write(
      `no SLO defined in TypeScript${opts.service ? ` for service ${opts.service}` : ''}: SLOs come from dac.config.ts (services[].slos) and from rule modules that return serviceSloGroups() or sloRuleGroups()\n`,
    );
    return 1;
  }
  const specs = slothSpecs(slos);
  if (opts.out === undefined) {
    process.stdout.write([...specs.values()].join('---\n'));
    return 0;
  }
  const dir = path.resolve(root, opts.out);
  mkdirSync(dir, { recursive: true });
  for (const [service, text] of specs) writeFileSync(path.join(dir, `${service}.yml`), text);
  process.stdout.write(
    `wrote ${specs.size} Sloth spec(s) to ${path.relative(process.cwd(), dir) || '.'}: ${[...specs.keys()].map((s) => `${s}.yml`).join(', ')}\n`,
  );
  return 0;
}

export function registerSloCommand(program: Command): void {
  const slo = program
    .command('slo')
    .description('SLO specs: `dac slo export` writes the SLOs defined in TypeScript as Sloth prometheus/v1 specs');
  slo
    .command('export')
    .description('write every SLO defined in TypeScript as a Sloth prometheus/v1 spec, one per service')
    .option('--service <name>', 'only the SLOs of this service')
    .option('-o, --out <dir>', 'write <service>.yml files into this folder, relative to the project (default: standard output)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dac slo export                       every spec on standard output\n  $ dac slo export --out sloth/          sloth/<service>.yml, ready for `sloth generate -i sloth/`\n',
    )
    .action(async (opts: { service?: string; out?: string }) => {
      process.exitCode = await runSloExport({
        dir: program.opts<{ dir: string }>().dir,
        ...(opts.service !== undefined ? { service: opts.service } : {}),
        ...(opts.out !== undefined ? { out: opts.out } : {}),
      });
    });
}
