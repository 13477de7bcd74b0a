/**
 * Runs amtool (Debian's 0.25 is the floor; 0.2x and newer work alike) on the emitted Alertmanager configuration: a syntax and
 * semantics check, and routing tests that tell which receiver a set of alert labels reaches.
 */
import { DacError } from '../core/diagnostic.js';
import type { ToolResult, ToolSpec } from './promtool.js';
import { findBinary, runTool } from './promtool.js';

export const AMTOOL: ToolSpec = { binary: 'amtool', envVar: 'DAC_AMTOOL', debianPackage: 'prometheus-alertmanager', option: '--amtool' };

export function findAmtool(env?: NodeJS.ProcessEnv, given?: string): string {
  return findBinary(AMTOOL, env, given);
}

/** `amtool check-config <file>`. */
export async function checkConfig(file: string, options: { cwd?: string; amtool?: string } = {}): Promise<ToolResult> {
  return runTool(options.amtool ?? findAmtool(), ['check-config', file], options);
}

/**
 * The receivers an alert with these labels is routed to, as `amtool config routes test` prints them
 * (comma-separated when `continue` sends it to several).
 */
export async function routeReceivers(file: string, labels: Record<string, string>, options: { cwd?: string } = {}): Promise<string[]> {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`);
  const result = await runTool(findAmtool(), ['config', 'routes', 'test', `--config.file=${file}`, ...pairs], options);
  if (result.code !== 0) {
    throw new DacError([
      {
        severity: 'error',
        check: 'deliver/amtool',
        where: { file, path: ['route'] },
        message: `amtool could not test routing for ${pairs.join(' ')}: ${(result.stderr || result.stdout).trim()}`,
      },
    ]);
  }
  return result.stdout
    .trim()
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
}
