/**
 * Start-up: `dac --help` and the default project's `dac build` as cold processes, run from the
 * TypeScript sources through tsx (a fresh clone, as before dist/ existed) and compiled from dist/
 * (an installed package), each as a ratio to a bare `node -e 0` measured in the same run, so that
 * the figures compare across machines and loads. Targets: `dac --help` ≤ 2× bare node; build ≤ 400 ms.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { copyProject, repoRoot } from '../tools/project-copy.js';
import { measureNode, median } from './measure.js';

const RUNS = 7;

function timed(args: string[], cwd: string, fromSource: boolean): number {
  const before = process.env.DAC_FROM_SOURCE;
  process.env.DAC_FROM_SOURCE = fromSource ? '1' : '0';
  try {
    return median(Array.from({ length: RUNS }, () => measureNode(args, cwd).seconds));
  } finally {
    if (before === undefined) delete process.env.DAC_FROM_SOURCE;
    else process.env.DAC_FROM_SOURCE = before;
  }
}

export function runStartupBench(): void {
  const project = copyProject('dac-bench-startup-');
  try {
    copyFileSync(path.join(repoRoot, 'tsconfig.build.json'), path.join(project.dir, 'tsconfig.build.json'));
    const built = spawnSync(process.execPath, [path.join(repoRoot, 'tools/build-dist.js'), '--js', project.dir], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build-dist failed:\n${built.stderr}`);
    const dac = path.join(project.dir, 'bin/dac.js');
    // First runs fill tsx's transform cache and write out/, as a user's first build after install does.
    project.dac('build');
    measureNode([dac, 'build'], project.dir);
    const bare = timed(['-e', '0'], project.dir, false);
    const row = (label: string, seconds: number) =>
      console.log(
        `${label.padEnd(44)} ${(seconds * 1000).toFixed(0).padStart(6)} ms  ${(seconds / bare).toFixed(1).padStart(5)}× bare node`,
      );
    console.log(`start-up, cold process, median of ${RUNS} (bare \`node -e 0\`: ${(bare * 1000).toFixed(0)} ms)`);
    row('dac --help, sources through tsx', timed([dac, '--help'], project.dir, true));
    row('dac --help, compiled (dist/)', timed([dac, '--help'], project.dir, false));
    row('dac build (default project), sources', timed([dac, 'build'], project.dir, true));
    row('dac build (default project), compiled', timed([dac, 'build'], project.dir, false));
  } finally {
    project.remove();
  }
}
