import { ExitCode } from './exit-codes.ts';

/** Where in a file a problem sits; line and column count from 1. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One located problem in user input. */
export interface Problem {
  readonly message: string;
  readonly location?: SourceLocation;
}

/** Renders a problem as `file:line:col: message` (or just the message when unlocated). */
export function formatProblem(problem: Problem): string {
  const at = problem.location;
  return at ? `${at.file}:${at.line}:${at.column}: ${problem.message}` : problem.message;
}

/**
 * Base of the one small error hierarchy. Each error has a stable `code`, the exit code the CLI
 * ends with, and an optional hint. Errors are printed once, at the CLI edge.
 */
export abstract class FaultlineError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** The user's input (file, flag, value) is wrong. Nothing has been changed. Exit 2. */
export class InvalidInputError extends FaultlineError {
  readonly code: string;
  readonly exitCode = ExitCode.invalidInput;
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options: { code?: string; hint?: string } = {}) {
    super(problems.map(formatProblem).join('\n'), options);
    this.code = options.code ?? 'E_INVALID_INPUT';
    this.problems = problems;
  }
}

/** The run could not be carried out (preflight, a dependency, an adapter). Exit 5. */
export class RunFailedError extends FaultlineError {
  readonly exitCode = ExitCode.runError;
  readonly code: string;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
  }
}
