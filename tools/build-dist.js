#!/usr/bin/env node
/**
 * Compiles dac's own sources into dist/: JavaScript (esbuild, one file per module, so the layout of
 * src/ is kept and `import.meta.url` paths stay valid) and declarations (tsc). Run on `prepare` and
 * `prepack`; bin/dac.js uses dist/ only while it is newer than every file of src/.
 *
 *   node tools/build-dist.js          JavaScript and declarations
 *   node tools/build-dist.js --js     JavaScript only (a second or so): what bin/dac.js needs
 *   node tools/build-dist.js --js DIR for a copy of this repository in DIR (the benchmark's)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('-')) ?? here);
const dist = path.join(root, 'dist');
const jsOnly = process.argv.includes('--js');

const sources = readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
  .map((e) => path.join(e.parentPath, e.name));

/** What dist/ holds and whether every source is older than it: then there is nothing to do. */
function current() {
  let built;
  try {
    built = { mtime: statSync(path.join(dist, '.built')).mtimeMs, text: readFileSync(path.join(dist, '.built'), 'utf8') };
  } catch {
    return false;
  }
  if (!jsOnly && !built.text.includes('types')) return false;
  return sources.every((file) => statSync(file).mtimeMs <= built.mtime) && statSync(path.join(root, 'package.json')).mtimeMs <= built.mtime;
}
// `npm pack` runs prepack (JavaScript and declarations) and then prepare (JavaScript): the second finds dist/ current.
if (current()) process.exit(0);

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
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    {
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) {
    rmSync(dist, { recursive: true, force: true });
    process.stderr.write('build-dist: tsc found errors in src/; dist/ removed\n');
    process.exit(1);
  }
}

// Written last: bin/dac.js trusts dist/ only when this marker is newer than every source.
mkdirSync(dist, { recursive: true });
writeFileSync(path.join(dist, '.built'), `${jsOnly ? 'js' : 'js+types'}\n`);
