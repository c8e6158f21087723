import { ExitCode } from '../errors/exit-codes.ts';
import type { Verdict } from '../slo/verdict.ts';

/**
 * The process exit code of a run: a fault that could not be reverted (4) outranks everything,
 * then interruption (3), then the verdict (pass 0; fail and not-steady 1; error 5;
 * inconclusive 6).
 */
export function exitCodeFor(verdict: Verdict, revertFailed: boolean): ExitCode {
  if (revertFailed) return ExitCode.revertFailed;
  switch (verdict) {
    case 'pass':
      return ExitCode.pass;
    case 'fail':
    case 'not-steady':
      return ExitCode.sloFailed;
    case 'aborted':
      return ExitCode.aborted;
    case 'error':
      return ExitCode.runError;
    case 'inconclusive':
      return ExitCode.inconclusive;
  }
}
