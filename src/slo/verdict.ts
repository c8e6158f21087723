import type { HypothesisSpec } from '../experiment/model.ts';
import type { PhaseName } from '../timeline/plan.ts';
import type { FaultTimings } from './fault-timings.ts';
import type { WindowSummary } from './window-summary.ts';

/** The run's outcome (DESIGN.md §1). */
export type Verdict = 'pass' | 'fail' | 'not-steady' | 'aborted' | 'error';

/** One reason the hypothesis did not hold. */
export interface Breach {
  readonly phase: PhaseName;
  readonly objective: string;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly value: number | null;
  readonly reason: string;
}

export interface VerdictInput {
  readonly hypothesis: HypothesisSpec;
  readonly windows: readonly WindowSummary[];
  readonly timings: readonly FaultTimings[];
  /** Share of the run's error budget spent during the fault phase, per objective (0..∞). */
  readonly faultBudgetShare: ReadonlyMap<string, number>;
  readonly baselineEndMs: number;
  readonly aborted: boolean;
  readonly error: boolean;
  readonly baselineFailed: boolean;
}

/**
 * Decides the verdict. `not-steady`: a baseline window missed an objective (no fault was
 * injected). `fail`: during faults a window missed an objective (`hold`) or the fault phase spent
 * more than its share of the error budget (`tolerate`); a fault did not recover within
 * `recover-within`; or a window of the steady state after missed an objective.
 */
export function decideVerdict(input: VerdictInput): { verdict: Verdict; breaches: Breach[] } {
  const breaches: Breach[] = [];
  const windowBreaches = (phase: PhaseName, filter: (w: WindowSummary) => boolean, reason: string) => {
    for (const w of input.windows.filter((x) => x.phase === phase && filter(x))) {
      for (const o of w.objectives.filter((r) => !r.met)) {
        breaches.push({
          phase,
          objective: o.objective,
          windowStartMs: w.startMs,
          windowEndMs: w.endMs,
          value: o.value,
          // A saturation miss says which member and why (a reading, or none at all).
          reason: o.detail === undefined ? reason : `${reason}: ${o.detail}`,
        });
      }
    }
  };
  windowBreaches(
    'baseline',
    (w) => w.endMs <= input.baselineEndMs,
    'baseline window missed the objective: the system was not steady before any fault',
  );
  if (input.error) return { verdict: 'error', breaches };
  if (input.aborted) return { verdict: 'aborted', breaches };
  if (input.baselineFailed || breaches.length > 0) return { verdict: 'not-steady', breaches };
  const during = input.hypothesis['during-faults'];
  if (during === 'hold') {
    windowBreaches(
      'faults',
      () => true,
      'missed the objective while a fault was active (during-faults: hold)',
    );
  } else {
    for (const [objective, share] of input.faultBudgetShare) {
      if (share > during.tolerate.budget) {
        breaches.push({
          phase: 'faults',
          objective,
          windowStartMs: 0,
          windowEndMs: 0,
          value: share,
          reason: `the fault phase spent ${(share * 100).toFixed(1)}% of the run's error budget; tolerated: ${(during.tolerate.budget * 100).toFixed(1)}%`,
        });
      }
    }
  }
  const within = input.hypothesis['recover-within'];
  if (within !== undefined) {
    for (const t of input.timings) {
      if (t.timeToRecoverMs === null || t.timeToRecoverMs > within) {
        breaches.push({
          phase: 'recovery',
          objective: '*',
          windowStartMs: 0,
          windowEndMs: 0,
          value: t.timeToRecoverMs,
          reason: `fault ${t.fault} ${t.timeToRecoverMs === null ? 'did not recover before the run ended' : `recovered after ${t.timeToRecoverMs} ms`}; recover-within allows ${within} ms`,
        });
      }
    }
  }
  windowBreaches('after', () => true, 'missed the objective in the steady state after the faults');
  return { verdict: breaches.length > 0 ? 'fail' : 'pass', breaches };
}
