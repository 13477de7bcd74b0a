#!/usr/bin/env node
/**
 * Compiles dac's own sources into dist/: JavaScript (esbuild, one file per module, so the layout of
 * src/ is kept and `import.meta.url` paths stay valid) and declarations (tsc). Run on `prepare` and
 * `prepack`; bin/dac.js uses dist/ only while it is newer than every file of src/.
 *
 *   node tools/build-dist.js          JavaScript and declarations
 *   node tools/build-dist.js --js     JavaScript only (a second or so): what bin/dac.js needs
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const jsOnly = process.argv.includes('--js');

const sources = readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
  .map((e) => path.join(e.parentPath, e.name));

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: sources,
  outbase: path.join(root, 'src'),
  outdir: dist,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  bundle: false,
  sourcemap: false,
  logLevel: 'warning',
});

if (!jsOnly) {
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) {
    rmSync(dist, { recursive: true, force: true });
    process.stderr.write('build-dist: tsc found errors in src/; dist/ removed\n');
    process.exit(1);
  }
}

// Written last: bin/dac.js trusts dist/ only when this marker is newer than every source.
mkdirSync(dist, { recursive: true });
writeFileSync(path.join(dist, '.built'), `${jsOnly ? 'js' : 'js+types'}\n`);
