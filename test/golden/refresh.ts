/** `npm run golden`: rebuilds every golden tree with dac itself, so the trees are what a user gets. */
import path from 'node:path';
import { writeTree } from '../../src/io/write.js';
import { buildProject } from '../../src/pipeline.js';
import { repoRoot } from '../../tools/project-copy.js';
import { GOLDEN_CASES } from './cases.js';

for (const c of GOLDEN_CASES) {
  const root = path.join(repoRoot, c.project);
  const { files } = await buildProject(root);
  const result = writeTree(path.join(repoRoot, c.expected), files, { projectRoot: root });
  process.stdout.write(`${c.expected}: ${result.unchanged ? 'unchanged' : `${files.size} files written`}\n`);
}
