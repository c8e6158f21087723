import { revertProgress } from './revert-progress.ts';

/** Delays between attempts of a revert, ms: three attempts in all, within about 1.5 s. */
export const REVERT_RETRY_DELAYS_MS: readonly number[] = [250, 1000];

/**
 * Runs `attempt` until it resolves, waiting `delaysMs[i]` after the i-th failure (at most
 * `delaysMs.length + 1` attempts; no waiting once a second Ctrl-C asked to hurry). Rethrows the
 * last error, with the number of attempts in `attempts` on the thrown value's wrapper.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  delaysMs: readonly number[] = REVERT_RETRY_DELAYS_MS,
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = delaysMs[i];
      if (delay === undefined) throw new RetriesExhausted(error, i + 1);
      if (!revertProgress.hurry.aborted) await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** The last error of an action that failed every attempt. */
export class RetriesExhausted extends Error {
  constructor(
    readonly last: unknown,
    readonly attempts: number,
  ) {
    super(last instanceof Error ? last.message : String(last), { cause: last });
  }
}
