import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.ts';
import { readTextFile } from '../../src/runtime/node-runtime.ts';
import type { Runtime } from '../../src/runtime/runtime.ts';
import { systemClock } from '../../src/runtime/system-clock.ts';

/** The outcome of an in-process CLI call. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output, from `cwd` (default: the repo). */
export async function cli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const runtime: Runtime = {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: (t) => void (stderr += t) },
    signal: options.signal ?? new AbortController().signal,
    clock: systemClock,
    now: () => new Date(),
    readText: readTextFile,
  };
  const code = await runCli(argv, runtime);
  return { code, stdout, stderr };
}

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'faultline-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
