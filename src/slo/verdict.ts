import type { HypothesisSpec } from '../experiment/model.ts';
import type { PhaseName } from '../timeline/phase-bounds.ts';
import type { FaultInterval } from './classify-window.ts';
import { budgetBreaches, recoveryBreaches } from './fault-breaches.ts';
import { isUnmeasuredWindow } from './suspect-window.ts';
import { verdictNotes } from './verdict-notes.ts';
import { windowBreaches } from './window-breaches.ts';
import type { WindowSummary } from './window-summary.ts';

/** The run's outcome (DESIGN.md §1). */
export type Verdict = 'pass' | 'fail' | 'not-steady' | 'inconclusive' | 'aborted' | 'error';

/** The rule of the hypothesis a breach broke (README "Verdicts"). */
export type BreachRule = 'pre-fault' | 'during-faults' | 'budget' | 'recovery' | 'relapse' | 'after';

/** One reason the hypothesis did not hold. */
export interface Breach {
  readonly phase: PhaseName;
  readonly rule: BreachRule;
  /** The objective missed (for a recovery breach, those missed while recovering, comma-separated). */
  readonly objective: string;
  /** The window (or stretch of windows) the breach rests on, ms since load start. */
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  /** In the objective's unit; for a recovery breach the time-to-recover in ms; for a budget breach the share spent. */
  readonly value: number | null;
  /** Why this is a breach, in words, with the rule of the hypothesis it broke. */
  readonly reason: string;
  /** The verdict it leads to on its own: `not-steady` before the first fault, else `fail`. */
  readonly outcome: 'not-steady' | 'fail';
  /** True when the runner's own lag could explain it; breaches that are all suspect make `inconclusive`. */
  readonly suspect: boolean;
}

export interface VerdictInput {
  readonly hypothesis: HypothesisSpec;
  readonly windows: readonly WindowSummary[];
  /** Every fault that was injected, with its real inject and revert times. */
  readonly intervals: readonly FaultInterval[];
  /** Whether the experiment has faults at all (without, the run is a steady-state check). */
  readonly faultsPlanned: boolean;
  /** Share of the run's error budget spent during the fault phase, per objective (0..∞). */
  readonly faultBudgetShare: ReadonlyMap<string, number>;
  readonly aborted: boolean;
  readonly error: boolean;
  readonly baselineFailed: boolean;
}

/** The verdict, every breach (suspect ones marked) and notes for the reader (figures, what to do). */
export interface VerdictResult {
  readonly verdict: Verdict;
  readonly breaches: Breach[];
  readonly notes: string[];
}

/**
 * Decides the verdict from every window after warm-up (README "Verdicts"). A miss before the
 * first fault is `not-steady`; while a fault is active it is judged by `during-faults`; after a
 * revert until the fault recovered, by time-to-recover and `recover-within`; after it recovered
 * (a relapse) or in `after`, it fails. Breaches the runner's lag could explain are `suspect`: a
 * verdict resting only on them is `inconclusive`, and so is a run with no breach but a window the
 * runner could not measure (isUnmeasuredWindow). `error` and `aborted` outrank all of it.
 */
export function decideVerdict(input: VerdictInput): VerdictResult {
  const breaches = [...windowBreaches(input), ...budgetBreaches(input), ...recoveryBreaches(input)].sort(
    (a, b) => a.windowStartMs - b.windowStartMs,
  );
  const judged = input.windows.filter((w) => w.phase !== 'warmup');
  const unmeasured = judged.filter((w) => w.met && isUnmeasuredWindow(w));
  const verdict = ((): Verdict => {
    if (input.error) return 'error';
    if (input.aborted) return 'aborted';
    const firm = breaches.filter((b) => !b.suspect);
    if (firm.some((b) => b.outcome === 'not-steady')) return 'not-steady';
    if (firm.length > 0) return 'fail';
    if (breaches.length > 0 || judged.length === 0 || unmeasured.length > 0) return 'inconclusive';
    return input.baselineFailed ? 'not-steady' : 'pass';
  })();
  return {
    verdict,
    breaches,
    notes: verdictNotes(verdict, breaches, input.windows, judged.length, unmeasured),
  };
}
