import type { ObjectiveSpec } from '../experiment/model.ts';
import { allowedBadShare, type Tally } from '../slo/tally.ts';

/**
 * True when some objective has already spent the whole error budget of the run: its bad events
 * so far exceed allowed share × the events the whole run is expected to have. `expectedValid`
 * is the run's expected event count (open model: from the schedule; closed: extrapolated).
 */
export function budgetExhausted(
  objectives: readonly ObjectiveSpec[],
  runTally: Tally,
  expectedValid: number,
): string | undefined {
  const results = runTally.evaluate(1, false);
  for (const [i, objective] of objectives.entries()) {
    const allowed = allowedBadShare(objective);
    const bad = results[i]?.bad;
    if (allowed === undefined || bad === undefined || expectedValid <= 0) continue;
    if (bad > allowed * expectedValid) {
      return `objective ${objective.name} spent its whole error budget for the run (${bad} bad events; the run allows ${Math.floor(allowed * expectedValid)})`;
    }
  }
  return undefined;
}
