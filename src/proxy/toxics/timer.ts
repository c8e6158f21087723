/** The largest delay Node's timers accept (about 24.8 days); longer ones fire after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * `setTimeout` that never misfires on hostile delays: clamps `ms` into [0, MAX_TIMER_MS] (a
 * longer wait re-arms itself until the full delay has passed) and routes an exception thrown by
 * `fn` to `onError` instead of crashing the process. Returns a cancel function.
 */
export function later(ms: number, fn: () => void, onError: (error: unknown) => void): () => void {
  const due = performance.now() + (Number.isFinite(ms) ? Math.max(0, ms) : MAX_TIMER_MS);
  let handle: NodeJS.Timeout | undefined;
  const arm = () => {
    handle = setTimeout(fire, Math.min(MAX_TIMER_MS, Math.max(0, due - performance.now())));
  };
  const fire = () => {
    if (due - performance.now() > MAX_TIMER_MS / 2) return arm();
    try {
      fn();
    } catch (error) {
      onError(error);
    }
  };
  arm();
  return () => clearTimeout(handle);
}
