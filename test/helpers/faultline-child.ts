import { spawn, type ChildProcess } from 'node:child_process';

/** A `faultline` CLI started as a child process, for tests that signal or kill it. */
export interface FaultlineChild {
  readonly process: ChildProcess;
  /** Resolves when it exits: its exit code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Everything it wrote to stdout so far (the verdict and report lines). */
  stdout(): string;
  /** Resolves once stderr contains `text`; rejects after `timeoutMs` with what it said. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
}

const running = new Set<FaultlineChild>();

/** Starts `node bin/faultline.js <args>` from the repo (with `env` added to ours, after `nodeArgs`); `stopFaultlines` ends it if a test does not. */
export function startFaultline(
  args: readonly string[],
  options: { readonly env?: Readonly<Record<string, string>>; readonly nodeArgs?: readonly string[] } = {},
): FaultlineChild {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'bin/faultline.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const handle: FaultlineChild = {
    process: child,
    exited,
    stderr: () => stderr,
    stdout: () => stdout,
    waitFor: (text, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!stderr.includes(text)) return;
          clearTimeout(timer);
          child.stderr.off('data', check);
          resolve();
        };
        const timer = setTimeout(
          () => reject(new Error(`faultline never said ${JSON.stringify(text)}; stderr so far:\n${stderr}`)),
          timeoutMs,
        );
        child.stderr.on('data', check);
        check();
      }),
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/**
 * For `afterEach`: ends every child a test left running (an assertion failed before the test
 * signalled it) with SIGINT, so it reverts its faults and stops the targets it started, then
 * SIGKILL if it has not exited after 20 s. Without this a failing test leaks the child's targets.
 */
export async function stopFaultlines(): Promise<void> {
  await Promise.all(
    [...running].map(async (handle) => {
      handle.process.kill('SIGINT');
      const timer = setTimeout(() => handle.process.kill('SIGKILL'), 20_000);
      await handle.exited;
      clearTimeout(timer);
    }),
  );
}
