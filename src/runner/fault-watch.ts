import { errorText } from '../errors/error-text.ts';
import { withTimeout } from '../runtime/rollback-ledger.ts';

/** What the run last knew of one active fault. */
export type WatchState = 'holds' | 'unknown' | 'lost';

/** One look at a fault: what changed (undefined: it holds), or why it could not be checked. */
export type Look = { readonly changed: string | undefined } | { readonly error: string };

/**
 * The next state of a watched fault after a look, and the note to journal when the news is worth
 * telling: a fault that can no longer be checked (its engine or server went away), one that can
 * be checked again, and one that is no longer in place (lost is final: nobody looks again).
 */
export function nextWatch(
  fault: string,
  state: WatchState,
  look: Look,
): { readonly state: WatchState; readonly note?: string } {
  if (state === 'lost') return { state };
  if ('error' in look)
    return state === 'unknown'
      ? { state }
      : {
          state: 'unknown',
          note: `fault ${fault}: cannot check that it is still in place: ${look.error}; scoring goes on`,
        };
  if (look.changed !== undefined)
    return {
      state: 'lost',
      note: `fault ${fault} is no longer in place: ${look.changed}; scoring goes on, and the revert undoes what is left`,
    };
  return state === 'unknown'
    ? { state: 'holds', note: `fault ${fault} can be checked again and is still in place` }
    : { state };
}

/** A fault the watch may look at now. */
export interface Watched {
  readonly name: string;
  check(): Promise<string | undefined>;
}

/**
 * Looks at every active fault that can be checked, every `everyMs`, one look per fault at a time
 * (a look that has not answered within `timeoutMs` counts as "cannot check"), and notes what
 * nextWatch says is news. Returns the function that stops it.
 */
export function watchFaults(
  active: () => readonly Watched[],
  note: (message: string) => void,
  everyMs = 1000,
  timeoutMs = 5000,
): () => void {
  const states = new Map<string, WatchState>();
  const looking = new Set<string>();
  let stopped = false;
  const lookAt = async (fault: Watched) => {
    looking.add(fault.name);
    let look: Look;
    try {
      look = { changed: await withTimeout(fault.check(), timeoutMs, `no answer within ${timeoutMs} ms`) };
    } catch (error) {
      look = { error: errorText(error) };
    } finally {
      looking.delete(fault.name);
    }
    // A revert that began meanwhile may be what changed it: only news of a fault still active counts.
    if (stopped || !active().some((f) => f.name === fault.name)) return;
    const next = nextWatch(fault.name, states.get(fault.name) ?? 'holds', look);
    states.set(fault.name, next.state);
    if (next.note !== undefined) note(next.note);
  };
  const timer = setInterval(() => {
    for (const fault of active())
      if (!looking.has(fault.name) && states.get(fault.name) !== 'lost') void lookAt(fault);
  }, everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
