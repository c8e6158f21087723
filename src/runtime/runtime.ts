import type { Clock } from '../timeline/clock.ts';

/** Text output the CLI writes to (stdout or stderr). */
export interface Output {
  write(text: string): void;
  /** True when it is a terminal (live progress redraws in place); absent = not a terminal. */
  readonly isTTY?: boolean;
  /** The terminal's size, when it is one. */
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
}

/**
 * All process state the CLI touches, in one object (k6's approach): tests build their own and run
 * `runCli(argv, runtime)` in-process; `main.ts` builds the real one from `process`.
 */
export interface Runtime {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Output;
  readonly stderr: Output;
  /** Aborted on SIGINT/SIGTERM (the first one); the run reverts its faults and ends `aborted`. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly now: () => Date;
  /** Reads a text file, or undefined when it does not exist. */
  readonly readText: (path: string) => string | undefined;
}
