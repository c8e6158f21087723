import type { Plan } from '../timeline/plan.ts';
import type { WindowClassifier } from './window-recorder.ts';

/** A fault's actual interval, as the run saw it (ms since load start). */
export interface FaultInterval {
  readonly name: string;
  readonly injectedAtMs: number;
  /** undefined while still active. */
  readonly revertedAtMs?: number | undefined;
}

/**
 * Classifies windows by what really happened: a window touched by an active fault belongs to
 * `faults`; otherwise a window that lies wholly in warm-up is `warmup` (one that straddles the end
 * of warm-up is judged, so the stretch after warm-up never goes unscored) and one that starts in `after`
 * is `after` (both by the plan's bounds); in between it is `recovery` once any fault has been
 * reverted, else `baseline` (including the stretch between the declared baseline's end and the
 * first inject, and every such window of a run with no faults).
 */
export function windowClassifier(plan: Plan, intervals: () => readonly FaultInterval[]): WindowClassifier {
  const { warmupEndMs, afterStartMs } = plan.bounds;
  return (startMs, endMs) => {
    const all = intervals();
    const active = all.filter(
      (f) => f.injectedAtMs < endMs && (f.revertedAtMs === undefined || f.revertedAtMs > startMs),
    );
    if (active.length > 0) return { phase: 'faults', activeFaults: active.map((f) => f.name) };
    if (endMs <= warmupEndMs) return { phase: 'warmup', activeFaults: [] };
    if (startMs >= afterStartMs) return { phase: 'after', activeFaults: [] };
    const reverted = all.some((f) => f.revertedAtMs !== undefined && f.revertedAtMs <= startMs);
    return { phase: reverted ? 'recovery' : 'baseline', activeFaults: [] };
  };
}
