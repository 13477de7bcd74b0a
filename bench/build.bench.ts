/**
 * Build speed and memory: (a) the default project as a cold `dac build` process, (b) a generated
 * project of 200 services, each with every dashboard and rule file of the default project.
 * Targets: (a) ≤ 0.5 s; (b) ≤ 3 s and ≤ 500 MB.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyProject } from '../tools/project-copy.js';
import { fmt, measureNode, median } from './measure.js';

const RUNS = 5;

function scaleConfig(services: number): string {
  return `import base from './dac.config.base.js';
import { defineConfig } from './src/index.js';
const template = base.services[0]!;
export default defineConfig({
  ...base,
  services: Array.from({ length: ${services} }, (_, i) => ({
    ...template,
    name: \`svc-\${String(i).padStart(3, '0')}\`,
    title: \`Service \${i}\`,
    selector: { job: \`svc-\${i}\` },
    grafanaFolder: \`Team \${i % 10}\`,
  })),
});
`;
}

export function runBuildBench(): void {
  const project = copyProject('dac-bench-');
  try {
    const dac = path.join(project.dir, 'bin/dac.js');
    // The first run fills tsx's transform cache, as any user's first build after install does.
    measureNode([dac, 'build'], project.dir);
    const runs = Array.from({ length: RUNS }, () => measureNode([dac, 'build'], project.dir));
    const a = { seconds: median(runs.map((r) => r.seconds)), peakMB: Math.max(...runs.map((r) => r.peakMB)) };
    console.log(`build  default project (1 service), cold process, median of ${RUNS}: ${fmt(a)}   target ≤ 500 ms`);

    const config = path.join(project.dir, 'dac.config.ts');
    writeFileSync(path.join(project.dir, 'dac.config.base.ts'), readFileSync(config, 'utf8'));
    writeFileSync(config, scaleConfig(200));
    measureNode([dac, 'build'], project.dir);
    const scale = Array.from({ length: 3 }, () => measureNode([dac, 'build'], project.dir));
    const b = { seconds: median(scale.map((r) => r.seconds)), peakMB: Math.max(...scale.map((r) => r.peakMB)) };
    const files = Object.keys(project.outDigest()).length;
    console.log(`build  200 services (${files} files), cold process, median of 3:     ${fmt(b)}   target ≤ 3000 ms, ≤ 500 MB`);
    // The runs above find out/ current and only compare; a first build (or a changed one) writes it all.
    const fresh = Array.from({ length: 3 }, () => {
      rmSync(path.join(project.dir, 'out'), { recursive: true, force: true });
      return measureNode([dac, 'build'], project.dir);
    });
    const c = { seconds: median(fresh.map((r) => r.seconds)), peakMB: Math.max(...fresh.map((r) => r.peakMB)) };
    console.log(`build  200 services, out/ removed first, median of 3:         ${fmt(c)}`);
    // An edit that changes one output: the tree is compared, one file written, the rest linked.
    const edited = Array.from({ length: 3 }, () => {
      writeFileSync(path.join(project.dir, 'out/dashboards/svc-000-red.json'), '{}\n');
      return measureNode([dac, 'build'], project.dir);
    });
    const e = { seconds: median(edited.map((r) => r.seconds)), peakMB: Math.max(...edited.map((r) => r.peakMB)) };
    console.log(`build  200 services, one file of out/ differs, median of 3:    ${fmt(e)}`);
  } finally {
    project.remove();
  }
}
