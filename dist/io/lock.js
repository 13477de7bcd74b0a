import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { DacError } from "../core/diagnostic.js";
const LOCK_WAIT_MS = 6e4;
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const shown = (p) => path.relative(process.cwd(), p) || ".";
function holderAlive(holder) {
  const [pid, thread] = holder.split(":").map(Number);
  if (!pid) return false;
  if (pid === process.pid) return thread !== threadId;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
function withLock(lock, outDir, fn) {
  const me = `${process.pid}:${threadId}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (; ; ) {
    try {
      writeFileSync(lock, me, { flag: "wx" });
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    let holder;
    try {
      holder = readFileSync(lock, "utf8");
    } catch {
      continue;
    }
    if (!holderAlive(holder)) rmSync(lock, { force: true });
    else if (Date.now() > deadline)
      throw new DacError(
        [
          {
            severity: "error",
            check: "write",
            where: { file: shown(outDir), path: [] },
            message: `another dac build (process ${holder.split(":")[0]}) has been writing this folder for ${LOCK_WAIT_MS / 1e3} s`,
            hint: `wait for it to finish; if no dac is running, delete ${shown(lock)}`
          }
        ],
        2
      );
    else sleep(50);
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}
export {
  withLock
};
