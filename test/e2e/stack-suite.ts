/**
 * One stack per test file: started before its first test, stopped after its last, with every
 * process's log tail printed and the run folder kept when a test of the file failed.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startStack, type Stack, type StackOptions } from '../../tools/stack/index.js';

export interface SuiteStackOptions {
  /** Options for startStack, computed when the suite starts (e.g. after a build). */
  options: () => StackOptions | Promise<StackOptions>;
  /** Runs once the stack is up, before the first test: e.g. wait until the traffic covered every handler. */
  ready?: (stack: Stack) => Promise<void>;
  startTimeoutMs?: number;
}

/** Registers the file's hooks; the returned function gives the running stack inside tests. */
export function stackForSuite(suite: SuiteStackOptions): () => Stack {
  let stack: Stack | undefined;
  let failed = false;

  beforeAll(async () => {
    stack = await startStack(await suite.options());
    try {
      await suite.ready?.(stack);
    } catch (err) {
      failed = true;
      throw err;
    }
  }, suite.startTimeoutMs ?? 300_000);

  beforeEach((ctx) => {
    ctx.onTestFailed(() => {
      failed = true;
    });
  });

  afterAll(async () => {
    if (failed && stack) process.stderr.write(`${stack.logTails()}\n`);
    await stack?.stop({ keepRunDir: failed });
  }, 60_000);

  return () => {
    if (!stack) throw new Error('the stack did not start: see the beforeAll error');
    return stack;
  };
}
