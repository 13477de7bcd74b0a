/**
 * Child process for the kill tests: writes a tree with dac's writer and kills itself with SIGKILL
 * when the named step is reached, as `kill -9` or the OOM killer would.
 * Usage: tsx write-and-die.ts <outDir> <step> <tree.json>
 */
import { readFileSync } from 'node:fs';
import { writeTree, type WriteStep } from '../../src/io/write.js';

const [outDir, killAt, treeFile] = process.argv.slice(2) as [string, WriteStep, string];
const tree = new Map<string, string>(Object.entries(JSON.parse(readFileSync(treeFile, 'utf8')) as Record<string, string>));
writeTree(outDir, tree, {
  onStep(step) {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
