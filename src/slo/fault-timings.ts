import type { WindowSummary } from './window-summary.ts';
import type { FaultInterval } from './classify-window.ts';

/** How many consecutive good windows after a revert count as recovered. */
export const RECOVERED_AFTER_GOOD_WINDOWS = 3;

export interface FaultTimings {
  readonly fault: string;
  /** ms from inject to the start of the first bad window touching the fault; null = no impact seen. */
  readonly timeToImpactMs: number | null;
  /** ms from revert to the first of 3 consecutive good windows; null = not recovered in the run. */
  readonly timeToRecoverMs: number | null;
}

/** Time-to-impact and time-to-recover of one fault, from the closed windows. */
export function faultTimings(interval: FaultInterval, windows: readonly WindowSummary[]): FaultTimings {
  const firstBad = windows.find(
    (w) => !w.met && w.endMs > interval.injectedAtMs && w.activeFaults.includes(interval.name),
  );
  const timeToImpactMs = firstBad ? Math.max(0, firstBad.startMs - interval.injectedAtMs) : null;
  let timeToRecoverMs: number | null = null;
  const reverted = interval.revertedAtMs;
  if (reverted !== undefined) {
    const after = windows.filter((w) => w.startMs >= reverted);
    for (let i = 0; i < after.length; i++) {
      // Near the end of the run, fewer than three windows remain: all of them must be good.
      const run = after.slice(i, i + RECOVERED_AFTER_GOOD_WINDOWS);
      if (run.every((w) => w.met)) {
        timeToRecoverMs = Math.max(0, (after[i]?.startMs ?? reverted) - reverted);
        break;
      }
    }
  }
  return { fault: interval.name, timeToImpactMs, timeToRecoverMs };
}
