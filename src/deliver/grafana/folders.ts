/** Folder uids are derived where the build's resource files need them too (src/emit/formats/folders.ts). */
export { folderChain } from '../../emit/formats/folders.js';
