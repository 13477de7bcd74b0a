/**
 * Grafana folder uids derived from folder paths: one derivation for the resource files a build
 * writes (their `grafana.app/folder` annotation) and for `dac push`, so both name the same folder.
 */
import { slug } from './slug.js';
import { boundedUid, UID_MAX } from '../../core/uid.js';

/** A Grafana folder: its uid, its title, and the uid of the folder it sits in. */
export interface FolderSpec {
  uid: string;
  title: string;
  parentUid?: string;
}

/**
 * The uid of the folder at this path: its slug, where that fits and keeps the titles (case, spacing
 * and accents aside). Titles in other scripts (Cyrillic, CJK, emoji) slug to nothing or next to
 * nothing, and long paths are cut, so "Заказы" and "Платежи" (or two long paths alike in their first
 * 36 characters) would share one uid, and one service's dashboards would land in the other's folder:
 * those uids end in a hash of the exact titles.
 */
function folderUid(titles: string[]): string {
  const exact = titles.join('/');
  const words = slug(titles.join('-'));
  const readable = `dac-${words}`;
  const lossy = /[^\x20-\x7e]/.test(exact.normalize('NFKD').replace(/\p{M}/gu, ''));
  if (!lossy && readable.length <= UID_MAX) return readable;
  return boundedUid(lossy && words === 'general' ? 'dac-folder' : readable, exact);
}

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
    const uid = folderUid(parts.slice(0, i + 1));
    chain.push({ uid, title, ...(i > 0 ? { parentUid: chain[i - 1]!.uid } : {}) });
  });
  return chain;
}
