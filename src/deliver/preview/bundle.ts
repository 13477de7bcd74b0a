/**
 * The page's own script: the drawing code with uPlot and Chart.js from node_modules, bundled by
 * esbuild into one file once per run and written into every page, so a page needs no network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageAssets } from './page.js';

let cached: Promise<PageAssets> | undefined;

export function pageAssets(): Promise<PageAssets> {
  cached ??= build();
  return cached;
}

async function build(): Promise<PageAssets> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const require = createRequire(import.meta.url);
  const esbuild = await import('esbuild');
  // From the sources, or compiled into dist/ (an installed package ships only dist/).
  const entry = ['main.ts', 'main.js'].map((f) => path.join(here, 'client', f)).find((f) => existsSync(f));
  if (!entry) throw new Error(`the preview page script is missing beside ${here}: reinstall dac`);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]!.text;
  const css = readFileSync(path.join(path.dirname(require.resolve('uplot')), 'uPlot.min.css'), 'utf8');
  // Inside an inline <script>, `</script` would end the element early.
  return { script: script.replace(/<\/script/gi, '<\\/script'), css };
}
