/** The one table of process exit codes (DESIGN.md §4, issue #2). */
export const ExitCode = {
  pass: 0,
  sloFailed: 1,
  invalidInput: 2,
  aborted: 3,
  revertFailed: 4,
  /** The run could not be carried out (preflight failed, a target never became ready). */
  runError: 5,
  /** Every miss fell in a window where the runner's own lag could explain it: run again elsewhere. */
  inconclusive: 6,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
