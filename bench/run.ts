/** `npm run bench`: prints figures; nothing here passes or fails on time. */
import { runBuildBench } from './build.bench.js';

runBuildBench();
