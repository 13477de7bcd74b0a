/**
 * Debian's Chromium for the tests that look at preview pages: installed through the project's apt
 * helper when missing, launched by playwright-core with the same flags `dac preview --png` uses,
 * in a fresh profile folder removed on close.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../src/deliver/preview/screenshot.js';
import type { RenderState } from '../../src/deliver/preview/spec.js';
import { repoRoot } from '../../tools/project-copy.js';

export function ensureChromium(): void {
  if (!existsSync(CHROMIUM))
    execFileSync('bash', [path.join(repoRoot, 'examples/items-api/scripts/ensure-apt.sh'), 'chromium'], { stdio: 'inherit' });
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  ensureChromium();
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'dac-chromium-test-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1920, height: 1080 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a preview page and waits until its script has drawn every chart; console errors are collected. */
export async function openPreviewPage(context: BrowserContext, url: string): Promise<{ tab: Page; errors: string[]; state: RenderState }> {
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(url);
  await tab.waitForFunction(() => (window as { __dacPreview?: RenderState }).__dacPreview?.done === true, undefined, { timeout: 60_000 });
  const state = await tab.evaluate(() => (window as { __dacPreview?: RenderState }).__dacPreview!);
  return { tab, errors, state };
}
