import type { FaultInterval } from './classify-window.ts';
import type { WindowSummary } from './window-summary.ts';

/** How many consecutive good windows after a revert count as recovered. */
export const RECOVERED_AFTER_GOOD_WINDOWS = 3;

/** What a window needs for the timings: its span, whether it was good, and which faults touched it. */
export type TimedWindow = Pick<WindowSummary, 'startMs' | 'endMs' | 'met' | 'suspect' | 'activeFaults'>;

export interface FaultTimings {
  readonly fault: string;
  /**
   * ms from inject to the start of the first bad window the fault explains (touched by it, or
   * after its revert and before it recovered); null = the fault had no impact.
   */
  readonly timeToImpactMs: number | null;
  /**
   * ms from revert to the first of 3 consecutive good windows, counted from the window the
   * revert falls in (0 = good already then); null when the fault had no impact (nothing to
   * recover from), was never reverted, or did not recover before the run ended.
   */
  readonly timeToRecoverMs: number | null;
  /** ms since load start at which it counts as recovered (revert + time-to-recover); null as above. */
  readonly recoveredAtMs: number | null;
}

/**
 * Time-to-impact and time-to-recover of one fault, from the closed windows. `good` says which
 * windows count as good (by default those that met every objective; the verdict also asks with
 * the runner's suspect windows counted good, to see whether the runner's lag explains a delay).
 */
export function faultTimings(
  interval: FaultInterval,
  windows: readonly TimedWindow[],
  good: (w: TimedWindow) => boolean = (w) => w.met,
): FaultTimings {
  const reverted = interval.revertedAtMs;
  let recoveredFrom: number | undefined;
  if (reverted !== undefined) {
    // From the window the revert falls in (or the first one after it).
    const after = windows.filter((w) => w.endMs > reverted);
    for (let i = 0; i < after.length; i++) {
      // Near the end of the run, fewer than three windows remain: all of them must be good.
      if (after.slice(i, i + RECOVERED_AFTER_GOOD_WINDOWS).every(good)) {
        recoveredFrom = after[i]?.startMs;
        break;
      }
    }
  }
  const explains = (w: TimedWindow) =>
    w.endMs > interval.injectedAtMs &&
    (w.activeFaults.includes(interval.name) ||
      (reverted !== undefined &&
        w.endMs > reverted &&
        (recoveredFrom === undefined || w.startMs < recoveredFrom)));
  const firstBad = windows.find((w) => !good(w) && explains(w));
  if (!firstBad)
    return { fault: interval.name, timeToImpactMs: null, timeToRecoverMs: null, recoveredAtMs: null };
  const timeToImpactMs = Math.max(0, firstBad.startMs - interval.injectedAtMs);
  if (reverted === undefined || recoveredFrom === undefined)
    return { fault: interval.name, timeToImpactMs, timeToRecoverMs: null, recoveredAtMs: null };
  const timeToRecoverMs = Math.max(0, recoveredFrom - reverted);
  return { fault: interval.name, timeToImpactMs, timeToRecoverMs, recoveredAtMs: reverted + timeToRecoverMs };
}
