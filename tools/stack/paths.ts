import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ITEMS_API_DIR = path.join(REPO_ROOT, 'examples', 'items-api');
export const OUT_RULES_DIR = path.join(REPO_ROOT, 'out', 'rules');
export const OUT_ALERTMANAGER_CONFIG = path.join(REPO_ROOT, 'out', 'alertmanager', 'alertmanager.yml');

/** Same default and override as examples/items-api/setup.sh. */
export function venvDir(): string {
  return process.env['ITEMS_API_VENV'] ?? path.join(ITEMS_API_DIR, '.venv');
}

export function venvPython(): string {
  return path.join(venvDir(), 'bin', 'python');
}
