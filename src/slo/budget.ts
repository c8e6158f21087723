import type { ObjectiveSpec } from '../experiment/model.ts';
import { allowedBadShare, type Tally } from './tally.ts';

/** Error budget use of one objective over some span: bad ÷ (valid × allowed share). */
export interface BudgetUse {
  readonly objective: string;
  readonly bad: number;
  readonly valid: number;
  /** 1 = the whole budget of that span spent; null for objectives with no event budget (throughput). */
  readonly consumed: number | null;
}

/** Budget use of every objective over a tally (a phase or the run). */
export function budgetUse(objectives: readonly ObjectiveSpec[], tally: Tally, seconds: number): BudgetUse[] {
  const results = tally.evaluate(seconds, false);
  return objectives.map((objective, i) => {
    const bad = results[i]?.bad ?? 0;
    const allowed = allowedBadShare(objective);
    const valid = tally.valid;
    const consumed =
      allowed === undefined || results[i]?.bad === undefined
        ? null
        : valid === 0
          ? 0
          : allowed === 0
            ? bad > 0
              ? Infinity
              : 0
            : bad / (valid * allowed);
    return { objective: objective.name, bad, valid, consumed };
  });
}

/**
 * The share of the run's error budget that `part` spent: part's bad ÷ (run's valid × allowed).
 * This is what `during-faults: { tolerate: { budget } }` is compared with.
 */
export function shareOfRunBudget(objective: ObjectiveSpec, partBad: number, runValid: number): number | null {
  const allowed = allowedBadShare(objective);
  if (allowed === undefined) return null;
  if (runValid === 0) return 0;
  return allowed === 0 ? (partBad > 0 ? Infinity : 0) : partBad / (runValid * allowed);
}
