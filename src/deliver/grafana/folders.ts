import { slug } from '../../emit/formats/slug.js';
import type { FolderSpec } from './client.js';

/**
 * "Platform/Items API" → the chain of folders to create, outermost first, each with a uid derived
 * from its path so that it is stable across pushes and machines.
 */
export function folderChain(path: string): FolderSpec[] {
  const parts = path
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean);
  const chain: FolderSpec[] = [];
  parts.forEach((title, i) => {
    const uid = `dac-${slug(parts.slice(0, i + 1).join('-'))}`.slice(0, 40);
    chain.push({ uid, title, ...(i > 0 ? { parentUid: chain[i - 1]!.uid } : {}) });
  });
  return chain;
}
