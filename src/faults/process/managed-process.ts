import { spawn, type ChildProcess } from 'node:child_process';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { waitForProbe } from '../../runtime/probe.ts';
import { revertProgress } from '../../runtime/revert-progress.ts';
import { groupMembers } from './process-leftovers.ts';
import type { ProcessRecordFile, RecordedProcess } from './process-record.ts';

/** What starting a process target needs (from the experiment's `process:` target). */
export interface ProcessSpec {
  readonly command: string;
  readonly cwd?: string | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly ready?: string | undefined;
  readonly readyTimeoutMs: number;
}

const OUTPUT_LINES = 40;

/**
 * A local process started by the run, in its own process group so signals reach the command and
 * its children alike. Keeps the last lines of its output for error messages. Carries the run id
 * in FAULTLINE_RUN_ID so leftovers can be recognised.
 */
export class ManagedProcess {
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #output: string[] = [];
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  #stopped = false;
  #entry: RecordedProcess | undefined;
  #pgid: number | undefined;
  #expectingExit = false;
  /** Called when the process exits without the run asking it to (not a kill, restart or stop). */
  onUnexpectedExit: ((status: string) => void) | undefined;

  /** With `record`, each start is written to it before the spawn and again with its process group. */
  constructor(
    readonly name: string,
    readonly spec: ProcessSpec,
    readonly runId: string,
    readonly record?: ProcessRecordFile,
  ) {}

  get pid(): number | undefined {
    return this.#child?.pid;
  }
  get alive(): boolean {
    return this.#child !== undefined && this.#exit === undefined;
  }
  get paused(): boolean {
    return this.#stopped;
  }
  get lastOutput(): string {
    return this.#output.join('\n');
  }
  get exitStatus(): string {
    return this.#exit
      ? this.#exit.signal
        ? `killed by ${this.#exit.signal}`
        : `exited with code ${this.#exit.code}`
      : 'running';
  }

  /** Starts the command and waits for its readiness probe; throws RunFailedError when it never gets ready. */
  async start(): Promise<number> {
    const started = Date.now();
    this.#exit = undefined;
    this.#stopped = false;
    if (this.record) {
      this.#entry ??= this.record.starting(this.name, this.spec.command, portsOf(this.spec.ready));
      if (this.#entry.pgid !== null) this.record.started(this.#entry, undefined);
    }
    const child = spawn(this.spec.command, {
      shell: true,
      detached: true,
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env, FAULTLINE_RUN_ID: this.runId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.#pgid = child.pid;
    if (this.record && this.#entry) this.record.started(this.#entry, child.pid);
    const keep = (chunk: Buffer) => {
      this.#output.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
      if (this.#output.length > OUTPUT_LINES) this.#output.splice(0, this.#output.length - OUTPUT_LINES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#expectingExit = false;
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        if (!this.#expectingExit) this.onUnexpectedExit?.(this.exitStatus);
        resolve();
      }),
    );
    child.once('error', (error) => this.#output.push(`spawn failed: ${error.message}`));
    if (this.spec.ready) {
      const waited = await waitForProbe(this.spec.ready, this.spec.readyTimeoutMs, {
        stillAlive: () => this.alive,
      });
      if (waited === undefined) {
        const why = this.alive
          ? `did not answer ${this.spec.ready} within ${this.spec.readyTimeoutMs} ms`
          : `${this.exitStatus} before it was ready`;
        await this.terminate();
        throw new RunFailedError(
          'E_TARGET_NOT_READY',
          `process target ${this.name} (${this.spec.command}) ${why}${this.lastOutput ? `; its last output:\n${this.lastOutput}` : ''}`,
          { hint: 'check the command, cwd and env of the target, and that its ready URL is right' },
        );
      }
    } else {
      await new Promise((r) => setTimeout(r, 200));
      if (!this.alive)
        throw new RunFailedError(
          'E_TARGET_EXITED',
          `process target ${this.name} ${this.exitStatus} at start; its last output:\n${this.lastOutput}`,
        );
    }
    return Date.now() - started;
  }

  #group(): number[] {
    return this.#pgid === undefined ? [] : groupMembers(this.#pgid);
  }

  #killGroup(): void {
    try {
      if (this.#pgid !== undefined) process.kill(-this.#pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  /** Sends a signal to the whole process group. Returns false when there is nothing to signal. */
  signal(signal: NodeJS.Signals): boolean {
    const pid = this.#child?.pid;
    if (pid === undefined || !this.alive) return false;
    if (signal !== 'SIGSTOP' && signal !== 'SIGCONT') this.#expectingExit = true;
    try {
      process.kill(-pid, signal);
    } catch {
      return false;
    }
    if (signal === 'SIGSTOP') this.#stopped = true;
    if (signal === 'SIGCONT') this.#stopped = false;
    return true;
  }

  /** Waits until the process has exited, at most `timeoutMs`; true when it has. */
  async waitExit(timeoutMs: number): Promise<boolean> {
    if (!this.alive) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
    const result = await Promise.race([this.#exited.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return result;
  }

  /**
   * Resumes (if stopped), asks politely (SIGTERM), then insists (SIGKILL) after `graceMs` — at
   * once when `hurry` is aborted (a second Ctrl-C), before or during the grace period.
   */
  async terminate(graceMs = 5000, hurry: AbortSignal = revertProgress.hurry): Promise<void> {
    if (!this.alive) return;
    const done = revertProgress.begin(`stopping process target ${this.name} (pid ${this.pid})`);
    try {
      await this.#terminate(graceMs, hurry);
    } finally {
      done();
    }
  }

  async #terminate(graceMs: number, hurry: AbortSignal): Promise<void> {
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    const hurried = new Promise<void>((r) =>
      hurry.aborted ? r() : hurry.addEventListener('abort', () => r(), { once: true }),
    );
    const started = Date.now();
    let exited = await Promise.race([this.waitExit(graceMs), hurried.then(() => false)]);
    // The shell has gone; its children (the group) may still be shutting down.
    while (exited && this.#group().length > 0 && Date.now() - started < graceMs && !hurry.aborted)
      await new Promise((r) => setTimeout(r, 25));
    if (this.#group().length > 0) exited = false;
    if (!exited) {
      this.#killGroup();
      this.signal('SIGKILL');
      await this.waitExit(2000);
      for (let i = 0; i < 40 && this.#group().length > 0; i++) await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** The TCP port of a readiness probe URL (`http://127.0.0.1:8080/health` → [8080]), if any. */
export function portsOf(ready: string | undefined): number[] {
  if (ready === undefined) return [];
  try {
    const url = new URL(ready);
    const port =
      url.port === ''
        ? url.protocol === 'https:'
          ? 443
          : url.protocol === 'http:'
            ? 80
            : NaN
        : Number(url.port);
    return Number.isInteger(port) ? [port] : [];
  } catch {
    return [];
  }
}
