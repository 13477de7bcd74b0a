import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
const CHROMIUM = process.env.DAC_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];
class BrowserMissing extends Error {
}
async function openBrowser(width = 1920, height = 1080) {
  if (!existsSync(CHROMIUM)) {
    throw new BrowserMissing(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set DAC_CHROMIUM`);
  }
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(path.join(os.tmpdir(), "dac-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width, height },
    deviceScaleFactor: 1
  });
  return {
    async shoot(htmlFile, pngFile) {
      const page = await context.newPage();
      const consoleErrors = [];
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      page.on("pageerror", (e) => consoleErrors.push(e.message));
      await page.goto(pathToFileURL(htmlFile).href);
      await page.waitForFunction(() => window.__dacPreview?.done === true, void 0, {
        timeout: 3e4
      });
      const state = await page.evaluate(() => window.__dacPreview);
      await page.screenshot({ path: pngFile, fullPage: true });
      await page.close();
      return { page: htmlFile, png: pngFile, consoleErrors, state };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}
export {
  BrowserMissing,
  CHROMIUM,
  CHROMIUM_FLAGS,
  openBrowser
};
