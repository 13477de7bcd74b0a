/**
 * Build speed and memory, as cold `dac build` processes of dac compiled (dist/, as installed):
 * (a) the default project, (b) a generated project of 200 services, each with every dashboard and
 * rule file of the default project (1 000 dashboards). Each is measured with out/ current (the
 * build answers from its record of the last one, src/io/build-cache.ts), with that record ignored
 * (DAC_BUILD_CACHE=0: the whole pipeline, then out/ compared), and from an empty out/; the 200
 * services once more with the default outputs (dashboards and rules) instead of the config's all.
 * Targets: (a) ≤ 400 ms; (b) ≤ 2 s and ≤ 400 MB with out/ current. Wall times are also given as
 * ratios to a bare `node -e 0` measured in the same run, which compare across machines and loads.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { copyProject, repoRoot } from '../tools/project-copy.js';
import { fmt, measureNode, median, type Measurement } from './measure.js';

/** `outputs` as given, or the config's own (every output on, for the demo and the delivery tests). */
function scaleConfig(services: number, outputs?: string): string {
  return `import base from './dac.config.base.js';
import { defineConfig } from './src/index.js';
const template = base.services[0]!;
const names = Array.from({ length: ${services} }, (_, i) => \`svc-\${String(i).padStart(3, '0')}\`);
export default defineConfig({
  ...base,${outputs ? `\n  outputs: ${outputs},` : ''}
  services: names.map((name, i) => ({
    ...template,
    name,
    title: \`Service \${i}\`,
    selector: { job: \`svc-\${i}\` },
    grafanaFolder: \`Team \${i % 10}\`,
  })),
  // The teams that name the template's service name every service instead.
  ...(base.alerting
    ? { alerting: { ...base.alerting, teams: base.alerting.teams.map((t) => (t.services ? { ...t, services: names } : t)) } }
    : {}),
});
`;
}

type Env = Record<string, string>;

function measure(runs: number, args: string[], cwd: string, env: Env = {}, before?: () => void): Measurement {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const all = Array.from({ length: runs }, () => {
      before?.();
      return measureNode(args, cwd);
    });
    return { seconds: median(all.map((r) => r.seconds)), peakMB: Math.max(...all.map((r) => r.peakMB)) };
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
  }
}

function row(label: string, m: Measurement, bare: number, target?: { ms: number; mb?: number }): void {
  const ratio = `${(m.seconds / bare).toFixed(1).padStart(5)}× bare node`;
  const goal = target
    ? `   target ≤ ${target.ms} ms${target.mb ? `, ≤ ${target.mb} MB` : ''}: ${(m.seconds * 1000) / target.ms <= 1 && (!target.mb || m.peakMB <= target.mb) ? 'met' : 'MISSED'} (${((m.seconds * 1000) / target.ms).toFixed(2)}× time${target.mb ? `, ${(m.peakMB / target.mb).toFixed(2)}× memory` : ''})`
    : '';
  console.log(`build  ${label.padEnd(58)} ${fmt(m)}  ${ratio}${goal}`);
}

export function runBuildBench(): void {
  const project = copyProject('dac-bench-');
  try {
    copyFileSync(path.join(repoRoot, 'tsconfig.build.json'), path.join(project.dir, 'tsconfig.build.json'));
    const built = spawnSync(process.execPath, [path.join(repoRoot, 'tools/build-dist.js'), '--js', project.dir], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build-dist failed:\n${built.stderr}`);
    const dac = path.join(project.dir, 'bin/dac.js');
    const out = path.join(project.dir, 'out');
    const fresh = () => rmSync(out, { recursive: true, force: true });
    const full = { DAC_BUILD_CACHE: '0' };
    // The first run fills tsx's and dac's caches, as any user's first build after install does.
    measureNode([dac, 'build'], project.dir);
    const bare = measure(7, ['-e', '0'], project.dir).seconds;
    console.log(`build, cold processes of dist/ (bare \`node -e 0\`: ${(bare * 1000).toFixed(0)} ms)`);
    row('default project, out/ current, median of 7', measure(7, [dac, 'build'], project.dir), bare, { ms: 400 });
    row('default project, out/ current, whole pipeline, median of 5', measure(5, [dac, 'build'], project.dir, full), bare, { ms: 400 });
    row('default project, out/ removed first, median of 5', measure(5, [dac, 'build'], project.dir, {}, fresh), bare);

    const config = path.join(project.dir, 'dac.config.ts');
    writeFileSync(path.join(project.dir, 'dac.config.base.ts'), readFileSync(config, 'utf8'));
    writeFileSync(config, scaleConfig(200));
    fresh();
    const first = measureNode([dac, 'build'], project.dir);
    const files = Object.keys(project.outDigest()).length;
    const scale = { ms: 2000, mb: 400 };
    row(`200 services (${files} files), first build`, first, bare, scale);
    row('200 services, out/ current, median of 3', measure(3, [dac, 'build'], project.dir), bare, scale);
    row('200 services, out/ current, whole pipeline, median of 3', measure(3, [dac, 'build'], project.dir, full), bare, scale);
    row('200 services, out/ removed first, median of 3', measure(3, [dac, 'build'], project.dir, {}, fresh), bare, scale);
    // An edit that changes one output: the tree is compared, one file written, the rest linked.
    const edit = () => writeFileSync(path.join(out, 'dashboards/svc-000-red.json'), '{}\n');
    row('200 services, one file of out/ differs, median of 3', measure(3, [dac, 'build'], project.dir, {}, edit), bare, scale);
    // The same services with only what a build writes by default: dashboards and rules (a third of the files).
    writeFileSync(config, scaleConfig(200, '{}'));
    fresh();
    const lean = measureNode([dac, 'build'], project.dir);
    const leanFiles = Object.keys(project.outDigest()).length;
    row(`200 services, default outputs (${leanFiles} files), first build`, lean, bare, scale);
    row('200 services, default outputs, whole pipeline, median of 3', measure(3, [dac, 'build'], project.dir, full), bare, scale);
  } finally {
    project.remove();
  }
}
