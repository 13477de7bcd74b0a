/**
 * Golden output trees: every emitted format, compared whole, for the Items API (its golden tree is
 * the committed out/), the shop example, SLOs over 7 to 30 days, and an imported Sloth spec.
 * After an intended change, refresh them all with `npm run golden` and review the diff.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTrees } from '../src/emit/compare.js';
import { readTree } from '../src/io/write.js';
import { buildProject } from '../src/pipeline.js';
import { GOLDEN_CASES } from './golden/cases.js';
import { repoRoot } from '../tools/project-copy.js';

describe('golden output trees', () => {
  for (const c of GOLDEN_CASES)
    it(`${c.name}: the build emits exactly the golden tree ${c.expected}`, async () => {
      const { files } = await buildProject(path.join(repoRoot, c.project));
      const changes = compareTrees(files, readTree(path.join(repoRoot, c.expected)));
      const report = changes.map((ch) => `${ch.kind} ${ch.path}${ch.diff ? `\n${ch.diff}` : ''}`).join('\n');
      expect(report, 'run `npm run golden` after an intended change, and review the diff').toBe('');
    }, 120_000);
});
