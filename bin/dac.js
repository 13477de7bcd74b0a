#!/usr/bin/env node
/**
 * dac's command line. It runs compiled from dist/ when dist/ is newer than every file of src/ (an
 * installed package ships dist/ only), and from the TypeScript sources through tsx otherwise (a
 * fresh clone, or sources edited since `npm run build:dist`).
 *
 * User modules (dac.config.ts, dashboards/, rules/) are TypeScript loaded through tsx, with no
 * compile step. Registering tsx costs several times node's own start-up, so with dist/ it is
 * registered only when the first user module is about to load: `dac --help` and `dac init` never
 * pay for it.
 */
import { readdirSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const root = new URL('..', import.meta.url);

function distIsCurrent() {
  let built;
  try {
    built = statSync(fileURLToPath(new URL('dist/.built', root))).mtimeMs;
  } catch {
    return false;
  }
  let sources;
  try {
    sources = readdirSync(fileURLToPath(new URL('src', root)), { recursive: true, withFileTypes: true });
  } catch {
    return true; // a package without its sources
  }
  return sources.every((e) => !e.isFile() || statSync(`${e.parentPath}/${e.name}`).mtimeMs <= built);
}

async function registerLoaders(mode) {
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  // Every module loaded from here on is reported, so a build knows each file it depended on.
  const { port1, port2 } = new MessageChannel();
  port1.unref();
  const loaded = [];
  globalThis[Symbol.for('dac.loadedModules')] = () => {
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) loaded.push(m.message);
    return loaded;
  };
  // Registered after tsx, so it runs before it (hooks chain last-in, first-out) and sees what tsx resolves.
  register('./module-hooks.js', import.meta.url, { data: { mode, root: root.href, loaded: port2 }, transferList: [port2] });
}

// `dac build --check | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

let main;
if (process.env.DAC_FROM_SOURCE !== '1' && distIsCurrent()) {
  let registered;
  // dac's public API, and the dashboard SDK's few hundred CommonJS files under it, load before tsx
  // hooks require(): through its hooks they cost several times as much, and user modules find them loaded.
  globalThis[Symbol.for('dac.prepareModuleLoader')] = () => (registered ??= import('../dist/index.js').then(() => registerLoaders('dist')));
  ({ main } = await import('../dist/cli/main.js'));
} else {
  await registerLoaders('source');
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
