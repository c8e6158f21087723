import { readFileSync } from 'node:fs';
import type { Runtime } from './runtime.ts';
import { systemClock } from './system-clock.ts';

/** Reads a file as UTF-8; undefined when it is missing or is not a file. */
export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The real runtime: process streams and environment, and a signal aborted by the first SIGINT
 * or SIGTERM. A second signal while faults are being reverted only says so: reverting is not
 * interrupted (that is what would leave a fault in place).
 */
export function nodeRuntime(): Runtime {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      process.stderr.write(`\n${name}: stopping — reverting every fault before exit\n`);
      controller.abort(new Error(name));
    } else {
      process.stderr.write(`${name}: still reverting faults; faultline exits as soon as they are undone\n`);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stderr.write(text) },
    signal: controller.signal,
    clock: systemClock,
    now: () => new Date(),
    readText: readTextFile,
  };
}
