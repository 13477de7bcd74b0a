/**
 * Pictures of preview pages from the system's Chromium (Debian's `chromium` package), driven by
 * playwright-core: nothing downloads a browser. Each run gets a fresh profile folder, removed after.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RenderState } from './spec.js';

export const CHROMIUM = process.env.DAC_CHROMIUM ?? '/usr/bin/chromium';

/** No network beyond the page, no first-run, update or sync traffic, no GPU on a server. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class BrowserMissing extends Error {}

export interface Shot {
  page: string;
  png: string;
  consoleErrors: string[];
  state: RenderState | undefined;
}

export interface BrowserSession {
  /** Opens a page, waits for its charts, and writes a full-page PNG. */
  shoot(htmlFile: string, pngFile: string): Promise<Shot>;
  close(): Promise<void>;
}

export async function openBrowser(width = 1920, height = 1080): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) {
    throw new BrowserMissing(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set DAC_CHROMIUM`);
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'dac-chromium-'));
  // A persistent context is how playwright takes a --user-data-dir: here a fresh one per run.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width, height },
    deviceScaleFactor: 1,
  });
  return {
    async shoot(htmlFile, pngFile) {
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      await page.goto(pathToFileURL(htmlFile).href);
      await page.waitForFunction(() => (window as { __dacPreview?: RenderState }).__dacPreview?.done === true, undefined, {
        timeout: 30_000,
      });
      const state = await page.evaluate(() => (window as { __dacPreview?: RenderState }).__dacPreview);
      await page.screenshot({ path: pngFile, fullPage: true });
      await page.close();
      return { page: htmlFile, png: pngFile, consoleErrors, state };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
