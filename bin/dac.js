#!/usr/bin/env node
// Registers tsx so that dac's own sources and the user's dashboards/, rules/ and dac.config.ts
// load as TypeScript without a compile step.
import { register } from 'tsx/esm/api';

register();
// `dac build --check | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
