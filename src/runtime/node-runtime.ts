import { readFileSync } from 'node:fs';
import { errnoCode, errnoPhrase } from '../errors/errno-phrase.ts';
import { ExitCode } from '../errors/exit-codes.ts';
import { InvalidInputError } from '../errors/faultline-error.ts';
import { revertProgress } from './revert-progress.ts';
import type { Output, Runtime } from './runtime.ts';
import { systemClock } from './system-clock.ts';

/** Reads a file as UTF-8; undefined when it is missing; an InvalidInputError when it is a folder or unreadable. */
export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const why =
      code === 'EISDIR'
        ? `${errnoPhrase(error)}; expected a file`
        : `${errnoPhrase(error) ?? 'it cannot be read'} (${code ?? String(error)})`;
    throw new InvalidInputError([{ message: `${path}: ${why}` }], { code: 'E_FILE_UNREADABLE' });
  }
}

/**
 * Output that outlives its reader. When the reader of a pipe goes away (`faultline run … | head`,
 * a CI log collector that died), the next write fails with EPIPE as an `error` event that would
 * otherwise kill the process mid-run with its faults in place. After the first failure the text
 * is dropped and the run goes on to revert everything and write its journal.
 */
function outputThatOutlivesItsReader(stream: NodeJS.WriteStream): Output {
  let gone = false;
  stream.on('error', () => void (gone = true));
  return {
    write: (text) => void (gone || stream.write(text)),
    isTTY: stream.isTTY === true,
    get columns() {
      return stream.columns;
    },
    get rows() {
      return stream.rows;
    },
  };
}

/** Errors nothing caught (uncaught exceptions, unhandled rejections) since the runtime was made. */
export const crashes: unknown[] = [];

/**
 * The real runtime: process streams and environment, and a signal aborted by the first SIGINT,
 * SIGTERM or SIGHUP (a closed terminal), or by an error nothing caught (see `crashes`). A second
 * signal says what is still being reverted and makes the reverts take their fast path (see
 * `revertProgress.hurry`); a third exits at once (code 4), printing what is left in place and
 * the `faultline recover` command that undoes it.
 */
export function nodeRuntime(): Runtime {
  const controller = new AbortController();
  const stdout = outputThatOutlivesItsReader(process.stdout);
  const stderr = outputThatOutlivesItsReader(process.stderr);
  let signals = 0;
  const onSignal = (name: NodeJS.Signals) => {
    signals += 1;
    if (signals === 1) {
      stderr.write(`\n${name}: stopping — reverting every fault before exit\n`);
      controller.abort(new Error(name));
    } else if (signals === 2) {
      const pending = revertProgress.pending;
      stderr.write(
        `${name}: still reverting ${pending.length > 0 ? pending.join(', ') : 'faults'}; finishing the fast part first (no more grace periods). Press Ctrl-C once more to exit at once and leave the rest in place\n`,
      );
      revertProgress.hurryUp();
    } else {
      const pending = revertProgress.pending;
      const runId = revertProgress.runId;
      stderr.write(
        `${name}: exiting now. Left in place: ${pending.length > 0 ? pending.join(', ') : 'whatever was still being reverted'}\nundo it with: faultline recover ${runId === undefined ? '--all' : `--run ${runId}`}\n`,
      );
      process.exit(ExitCode.revertFailed);
    }
  };
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, onSignal);
  // A bug that throws outside every promise chain (a timer, an emitter) would otherwise end the
  // process where it stands, faults and all. It stops the run like a signal, so the runner
  // reverts everything, and main.ts makes the exit code say it was an internal error.
  const onCrash = (error: unknown) => {
    crashes.push(error);
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    stderr.write(`\ninternal error: ${text}\n`);
    if (!controller.signal.aborted) {
      stderr.write('stopping — reverting every fault before exit\n');
      controller.abort(error instanceof Error ? error : new Error(String(error)));
    }
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout,
    stderr,
    signal: controller.signal,
    clock: systemClock,
    now: () => new Date(),
    readText: readTextFile,
  };
}
