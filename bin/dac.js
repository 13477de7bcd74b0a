#!/usr/bin/env node
// Registers tsx so that dac's own sources and the user's dashboards/, rules/ and dac.config.ts
// load as TypeScript without a compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
