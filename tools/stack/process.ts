import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ProcessSpec {
  /** Short name, also the log file's name. */
  name: string;
  command: string;
  args: readonly string[];
  logDir: string;
  /** Hard upper bound on the process's life, enforced even if this Node process dies. */
  maxLifetimeSec: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Signal asking for a clean shutdown (postgres wants SIGINT for a fast one). */
  stopSignal?: NodeJS.Signals;
  /** Seconds between the stop signal and SIGKILL. */
  graceSec?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const live = new Set<ManagedProcess>();

/**
 * A child started in its own process group under coreutils `timeout`, with
 * stdout and stderr going straight to a log file. `timeout` is the group
 * leader: a stop signal sent to it is forwarded to the whole group and followed
 * by SIGKILL after the grace period, and the lifetime bound holds even when
 * the test runner is killed outright and never gets to clean up.
 */
export class ManagedProcess {
  readonly name: string;
  readonly logFile: string;
  readonly exited: Promise<ExitInfo>;
  private readonly pid: number | undefined;
  private readonly stopSignal: NodeJS.Signals;
  private readonly graceSec: number;
  private exitInfo: ExitInfo | undefined;
  private stopping: Promise<ExitInfo> | undefined;

  constructor(spec: ProcessSpec) {
    this.name = spec.name;
    this.stopSignal = spec.stopSignal ?? 'SIGTERM';
    this.graceSec = spec.graceSec ?? 10;
    this.logFile = path.join(spec.logDir, `${spec.name}.log`);

    const fd = fs.openSync(this.logFile, 'a');
    const child = spawn(
      'timeout',
      [`--signal=${this.stopSignal}`, `--kill-after=${this.graceSec}s`, `${Math.ceil(spec.maxLifetimeSec)}s`, spec.command, ...spec.args],
      { cwd: spec.cwd, env: spec.env ?? process.env, detached: true, stdio: ['ignore', fd, fd] },
    );
    fs.closeSync(fd);
    this.pid = child.pid;

    this.exited = new Promise<ExitInfo>((resolve) => {
      child.once('error', (err) => {
        fs.appendFileSync(this.logFile, `\n[stack] failed to start ${spec.command}: ${err.message}\n`);
        this.exitInfo = { code: null, signal: null };
        live.delete(this);
        resolve(this.exitInfo);
      });
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        live.delete(this);
        resolve(this.exitInfo);
      });
    });
    // Otherwise an idle event loop would wait on the child instead of exiting.
    child.unref();
    live.add(this);
    installExitHooks();
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Asks for a clean shutdown, escalates to SIGKILL; safe to call any number of times. */
  stop(): Promise<ExitInfo> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  /** Synchronous, for process exit: the signal is sent, `timeout` does the rest. */
  signalNow(): void {
    if (this.running && this.pid !== undefined) signalQuietly(this.pid, this.stopSignal);
  }

  logTail(maxLines = 40): string {
    try {
      const text = readTail(this.logFile, 64 * 1024);
      return text.split('\n').slice(-maxLines).join('\n');
    } catch {
      return '';
    }
  }

  private async doStop(): Promise<ExitInfo> {
    if (!this.running || this.pid === undefined) return this.exited;
    signalQuietly(this.pid, this.stopSignal);
    // Backstop in case `timeout` itself is wedged: kill the whole group.
    const backstop = setTimeout(() => signalQuietly(-this.pid!, 'SIGKILL'), (this.graceSec + 5) * 1000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(backstop);
    }
  }
}

export function startProcess(spec: ProcessSpec): ManagedProcess {
  return new ManagedProcess(spec);
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop()));
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

function readTail(file: string, maxBytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

const interruptHooks = new Set<() => Promise<void>>();

/**
 * Work to finish before the process exits on Ctrl-C or SIGTERM (e.g. a whole stack's stop, which
 * also removes its run folder); the children are stopped in any case. Returns an unregister function.
 */
export function beforeInterruptExit(hook: () => Promise<void>): () => void {
  interruptHooks.add(hook);
  installExitHooks();
  return () => interruptHooks.delete(hook);
}

let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', () => {
    for (const p of live) p.signalNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      const deadline = new Promise((resolve) => setTimeout(resolve, 20_000).unref());
      const cleanups = [stopAllProcesses(), ...[...interruptHooks].map((hook) => hook().catch(() => undefined))];
      void Promise.race([Promise.all(cleanups), deadline]).finally(() => process.exit(128 + (os.constants.signals[signal] ?? 0)));
    });
  }
}
