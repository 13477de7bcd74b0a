/** `npm run bench`: prints figures; nothing here passes or fails on time. */
import { runBuildBench } from './build.bench.js';
import { runStartupBench } from './startup.bench.js';
import { runWatchBench } from './watch.bench.js';
import { runYamlBench } from './yaml.bench.js';

runYamlBench();
runStartupBench();
runBuildBench();
await runWatchBench();
// The validate benchmark runs on import: tier-1 checks on the default project and on 10 000 expressions.
await import('./validate.bench.js');
