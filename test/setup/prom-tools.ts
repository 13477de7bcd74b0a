/**
 * promtool and amtool for the test suite: used where installed, installed from Debian's packages
 * (prometheus, prometheus-alertmanager) only when missing. Runs once per test file that needs them.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AMTOOL } from '../../src/deliver/amtool.js';
import { findBinary, PROMTOOL } from '../../src/deliver/promtool.js';

const ensureApt = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../examples/items-api/scripts/ensure-apt.sh');

export function ensurePromTools(): void {
  try {
    findBinary(PROMTOOL);
    findBinary(AMTOOL);
  } catch {
    execFileSync('bash', [ensureApt, PROMTOOL.debianPackage, AMTOOL.debianPackage], { stdio: 'inherit' });
  }
}
