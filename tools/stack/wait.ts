import type { ManagedProcess } from './process.js';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Fail at once, with its log, if this process dies while we wait for it. */
  process?: ManagedProcess;
}

/** Polls `check` until it returns true; every wait has a deadline. */
export async function waitUntil(what: string, check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (options.process && !options.process.running) {
      throw new Error(`${options.process.name} exited while waiting for ${what}:\n${options.process.logTail()}`);
    }
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err;
    }
    await sleep(interval);
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  const log = options.process ? `\n${options.process.name} log:\n${options.process.logTail()}` : '';
  throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${detail}${log}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
