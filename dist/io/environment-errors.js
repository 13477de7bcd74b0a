import path from "node:path";
import { DacError } from "../core/diagnostic.js";
const HINTS = {
  EACCES: "make the folder writable for this user (chmod u+w), or pass --out <folder> to build elsewhere",
  EPERM: "make the folder writable for this user (chmod u+w), or pass --out <folder> to build elsewhere",
  EROFS: "the file system is mounted read-only: pass --out <folder> on a writable one",
  ENOSPC: "the disk is full: free some space and build again; the previous out/ is untouched",
  EDQUOT: "the disk quota is used up: free some space and build again; the previous out/ is untouched",
  EBUSY: "the folder is a mount point or in use, and dac replaces its output folder as a whole: pass --out <mount>/dac (a folder inside the mount) instead",
  EMFILE: "too many open files: raise the limit (ulimit -n) and build again",
  EIO: "the disk reported an input/output error: check it, then build again",
  ENOTDIR: "a part of the path is a file, not a folder: move it away or pass --out <folder>",
  EISDIR: "a folder stands where a file must be written: move it away or pass --out <folder>",
  ENAMETOOLONG: "the path is too long for this file system: pass a shorter --out <folder>"
};
const MESSAGES = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EBUSY: "the folder is busy (a mount point, or in use)",
  EMFILE: "too many open files",
  EIO: "input/output error",
  ENOTDIR: "not a folder",
  EISDIR: "is a folder",
  ENAMETOOLONG: "path too long"
};
function environmentError(err, folder, action) {
  if (err instanceof DacError) return err;
  const e = err;
  const code = e?.code;
  if (typeof code !== "string" || !(code in HINTS)) return void 0;
  const where = path.relative(process.cwd(), e.path ?? folder) || ".";
  return new DacError(
    [
      {
        severity: "error",
        check: "write/environment",
        where: { file: where, path: [] },
        message: `cannot ${action} the output folder: ${MESSAGES[code]} (${code})`,
        hint: HINTS[code]
      }
    ],
    2
  );
}
export {
  environmentError
};
