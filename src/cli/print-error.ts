import { FaultlineError, InvalidInputError } from '../errors/faultline-error.ts';
import { ExitCode } from '../errors/exit-codes.ts';
import type { Output } from '../runtime/runtime.ts';

/** Prints an error once, at the edge, and returns the exit code it stands for. */
export function printError(error: unknown, out: Output): number {
  if (error instanceof InvalidInputError) {
    out.write(`${error.message}\n`);
    const n = error.problems.length;
    out.write(`${n} problem${n === 1 ? '' : 's'} found; nothing was run or changed.\n`);
    if (error.hint) out.write(`hint: ${error.hint}\n`);
    return error.exitCode;
  }
  if (error instanceof FaultlineError) {
    out.write(`error [${error.code}]: ${error.message}\n`);
    if (error.hint) out.write(`hint: ${error.hint}\n`);
    return error.exitCode;
  }
  out.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return ExitCode.runError;
}
