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
 * `faults`; otherwise warm-up and baseline by the plan, `after` by the plan, and `recovery` once
 * any fault has been reverted. Windows of the fault phase before the first inject count as baseline.
 */
export function windowClassifier(plan: Plan, intervals: () => readonly FaultInterval[]): WindowClassifier {
  const spanOf = (name: string) => plan.phases.find((p) => p.phase === name);
  const faultStart = spanOf('baseline')?.endMs ?? spanOf('warmup')?.endMs ?? 0;
  const afterStart = spanOf('after')?.startMs ?? plan.durationMs;
  return (startMs, endMs) => {
    const all = intervals();
    const active = all.filter(
      (f) => f.injectedAtMs < endMs && (f.revertedAtMs === undefined || f.revertedAtMs > startMs),
    );
    if (active.length > 0) return { phase: 'faults', activeFaults: active.map((f) => f.name) };
    if (startMs < faultStart)
      return { phase: startMs < (spanOf('warmup')?.endMs ?? 0) ? 'warmup' : 'baseline', activeFaults: [] };
    if (startMs >= afterStart) return { phase: 'after', activeFaults: [] };
    const reverted = all.some((f) => f.revertedAtMs !== undefined && f.revertedAtMs <= startMs);
    return { phase: reverted ? 'recovery' : 'baseline', activeFaults: [] };
  };
}
