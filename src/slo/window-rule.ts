import type { FaultInterval } from './classify-window.ts';
import type { FaultTimings } from './fault-timings.ts';
import type { WindowSummary } from './window-summary.ts';

/**
 * Which rule of the hypothesis judges a window after warm-up:
 * - `pre-fault`: no fault had been injected before it ended (the baseline, the stretch up to the
 *   first inject, every window of a run with no faults) — a miss is `not-steady`;
 * - `during-faults`: a fault was active during it — judged by `during-faults`;
 * - `after`: the steady state after the faults — a miss fails;
 * - `recovering`: after a revert, before that fault recovered — judged by time-to-recover;
 * - `relapse`: after every reverted fault had recovered (or had no impact) — a miss fails.
 */
export type WindowRule = 'pre-fault' | 'during-faults' | 'after' | 'recovering' | 'relapse';

/** The rule that judges `window`, and the faults it concerns (active, recovering, or recovered). */
export function windowRule(
  window: Pick<WindowSummary, 'startMs' | 'endMs' | 'phase' | 'activeFaults'>,
  intervals: readonly FaultInterval[],
  timings: readonly FaultTimings[],
): { rule: WindowRule; faults: readonly string[] } {
  if (!intervals.some((i) => i.injectedAtMs < window.endMs)) return { rule: 'pre-fault', faults: [] };
  if (window.activeFaults.length > 0) return { rule: 'during-faults', faults: window.activeFaults };
  if (window.phase === 'after') return { rule: 'after', faults: [] };
  const reverted = intervals.filter((i) => i.revertedAtMs !== undefined && i.revertedAtMs <= window.startMs);
  const recovering = reverted.filter((i) => {
    const t = timings.find((x) => x.fault === i.name);
    if (!t || t.timeToImpactMs === null) return false;
    return t.recoveredAtMs === null || t.recoveredAtMs > window.startMs;
  });
  if (recovering.length > 0) return { rule: 'recovering', faults: recovering.map((i) => i.name) };
  return { rule: 'relapse', faults: reverted.map((i) => i.name) };
}
