import type { Journal, PhaseResult } from '../journal/journal.ts';
import type { Breach } from '../slo/verdict.ts';
import type { ObjectiveResult } from '../slo/window-summary.ts';
import type { PhaseName } from '../timeline/plan.ts';

/** How one objective fared in one phase, as the verdict judged it. */
export interface ObjectiveVerdict {
  readonly objective: string;
  readonly phase: PhaseName;
  /** `skipped` for warm-up (never scored) and phases the run did not reach. */
  readonly state: 'met' | 'missed' | 'skipped';
  /** The phase's aggregate value (the whole phase's tally), when the phase ran. */
  readonly result: ObjectiveResult | undefined;
  readonly budget: PhaseResult['budgets'][number] | undefined;
  /** The verdict's breaches of this objective in this phase. */
  readonly breaches: readonly Breach[];
}

/**
 * Objective × phase, judged by the verdict's own breaches (so a `tolerate` hypothesis that allows
 * bad windows under faults reads as met): missed when the verdict recorded a breach there.
 */
export function objectiveVerdicts(journal: Journal): ObjectiveVerdict[] {
  const out: ObjectiveVerdict[] = [];
  for (const span of journal.plan.phases) {
    const phase = journal.phases.find((p) => p.phase === span.phase);
    for (const declared of journal.slos.objectives) {
      const breaches = journal.breaches.filter(
        (b) => b.phase === span.phase && b.objective === declared.name,
      );
      const state = span.phase === 'warmup' || !phase ? 'skipped' : breaches.length > 0 ? 'missed' : 'met';
      out.push({
        objective: declared.name,
        phase: span.phase,
        state,
        result: phase?.objectives.find((o) => o.objective === declared.name),
        budget: phase?.budgets.find((b) => b.objective === declared.name),
        breaches,
      });
    }
  }
  return out;
}

/** The verdict's breaches that concern a fault's recovery (`recover-within`). */
export function recoveryBreach(journal: Journal, fault: string): Breach | undefined {
  return journal.breaches.find((b) => b.objective === '*' && b.reason.startsWith(`fault ${fault} `));
}
