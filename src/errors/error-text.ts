import { FaultlineError } from './faultline-error.ts';

/**
 * The text of an error as the journal, the terminal and reports show it: its message, and its
 * hint (what to do about it) when it has one — so a hint thrown deep in an adapter is never
 * reduced to the message on the way out.
 */
export function errorText(error: unknown): string {
  if (error instanceof FaultlineError && error.hint) return `${error.message} (hint: ${error.hint})`;
  return error instanceof Error ? error.message : String(error);
}
