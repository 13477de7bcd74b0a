/**
 * Which Prometheus and Alertmanager the stack runs. Prometheus 3 by default — what users run today —
 * built from its Go module into ~/.cache/dac by test/setup/build-prom3.sh (only when missing, about
 * 11 minutes on 2 cores). DAC_E2E_PROMETHEUS=2 runs Debian's Prometheus 2.42 and Alertmanager 0.25,
 * the oldest releases the generated files are written for.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { REPO_ROOT } from './paths.js';

export interface StackBinaries {
  generation: 2 | 3;
  prometheus: string;
  promtool: string;
  alertmanager: string;
  amtool: string;
}

const DEBIAN: StackBinaries = {
  generation: 2,
  prometheus: '/usr/bin/prometheus',
  promtool: '/usr/bin/promtool',
  alertmanager: '/usr/bin/prometheus-alertmanager',
  amtool: '/usr/bin/amtool',
};

let built: StackBinaries | undefined;

export function stackGeneration(env: NodeJS.ProcessEnv = process.env): 2 | 3 {
  const asked = env['DAC_E2E_PROMETHEUS'];
  if (asked === undefined || asked === '' || asked === '3') return 3;
  if (asked === '2') return 2;
  throw new Error(`DAC_E2E_PROMETHEUS=${asked}: say 3 (the default, Prometheus 3) or 2 (Debian's Prometheus 2.42)`);
}

export function stackBinaries(env: NodeJS.ProcessEnv = process.env): StackBinaries {
  if (stackGeneration(env) === 2) return DEBIAN;
  if (!built) {
    const [prometheusDir, alertmanagerDir] = execFileSync('bash', [path.join(REPO_ROOT, 'test/setup/build-prom3.sh'), '--print-dirs'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n') as [string, string];
    built = {
      generation: 3,
      prometheus: path.join(prometheusDir, 'prometheus'),
      promtool: path.join(prometheusDir, 'promtool'),
      alertmanager: path.join(alertmanagerDir, 'alertmanager'),
      amtool: path.join(alertmanagerDir, 'amtool'),
    };
  }
  return built;
}
