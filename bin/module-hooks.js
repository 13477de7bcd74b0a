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
/** Where each loaded module is reported: what the build cache (src/io/build-cache.ts) records as read. */
let loadedPort;

export function initialize(data) {
  mode = data.mode;
  srcUrl = new URL('src/', data.root).href;
  distUrl = new URL('dist/', data.root).href;
  loadedPort = data.loaded;
}

export async function load(url, context, nextLoad) {
  if (loadedPort && url.startsWith('file:')) loadedPort.postMessage(url);
  return nextLoad(url, context);
}

export async function resolve(specifier, context, nextResolve) {
  if (mode === 'source')
    return sameGeneration(context, await nextResolve(specifier, { ...context, conditions: [...context.conditions, 'dac-source'] }));
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.startsWith(srcUrl) && resolved.url.endsWith('.ts'))
    return { ...resolved, url: `${distUrl}${resolved.url.slice(srcUrl.length, -3)}.js`, format: 'module' };
  return sameGeneration(context, resolved);
}

/**
 * `dac watch` imports a changed definition as `file.ts?dac-watch=<n>`. The project's own modules it
 * imports (a shared helper) get the same query, so they are evaluated afresh too and an edited
 * helper is seen; dac itself and packages stay one copy each (one DacError class, one SDK).
 */
function sameGeneration(context, resolved) {
  const generation = context.parentURL && /[?&](dac-watch=\d+)/.exec(context.parentURL)?.[1];
  const url = resolved.url;
  if (!generation || !url.startsWith('file:') || url.includes('?') || url.includes('/node_modules/')) return resolved;
  if (url.startsWith(srcUrl) || url.startsWith(distUrl)) return resolved;
  return { ...resolved, url: `${url}?${generation}` };
}
