/**
 * Module resolution hooks (node:module register) that keep one copy of dac in a process.
 *
 * - mode "dist": dac runs compiled from dist/. A module importing dac's sources by path (this
 *   repository's own dashboards/ and rules/ import '../src/index.js') gets the compiled module
 *   instead, so its DacError, its builders and the CLI's are the same classes, and nothing of dac
 *   is compiled at start-up.
 * - mode "source": dac runs from src/ through tsx (dist/ absent or older than src/). `import 'dac'`
 *   resolves through package.json's "dac-source" export condition to src/ rather than to a
 *   missing or stale dist/.
 */
let mode;
let srcUrl;
let distUrl;

export function initialize(data) {
  mode = data.mode;
  srcUrl = new URL('src/', data.root).href;
  distUrl = new URL('dist/', data.root).href;
}

export async function resolve(specifier, context, nextResolve) {
  if (mode === 'source') return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'dac-source'] });
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.startsWith(srcUrl) && resolved.url.endsWith('.ts'))
    return { ...resolved, url: `${distUrl}${resolved.url.slice(srcUrl.length, -3)}.js`, format: 'module' };
  return resolved;
}
