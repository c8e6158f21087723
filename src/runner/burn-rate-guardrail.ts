import type { ObjectiveSpec } from '../experiment/model.ts';
import { allowedBadShare } from '../slo/tally.ts';
import type { WindowSummary } from '../slo/window-summary.ts';

/** The burn-rate guardrail's settings (`guardrails.burn-rate`), in milliseconds. */
export interface BurnRateSpec {
  readonly short: number;
  readonly long: number;
  readonly factor: number;
}

/**
 * How fast the scored windows ending the run so far (the last `spanMs` of them; at least one)
 * burn objective `index`'s error budget: bad share ÷ allowed bad share. 1 spends the budget
 * exactly as fast as the objective allows. Undefined when nothing valid was seen.
 */
export function burnRate(
  windows: readonly WindowSummary[],
  index: number,
  allowed: number,
  spanMs: number,
): number | undefined {
  const scored = windows.filter((w) => w.phase !== 'warmup');
  const last = scored.at(-1);
  if (!last) return undefined;
  const span = scored.filter((w) => w.endMs > last.endMs - spanMs);
  const valid = span.reduce((sum, w) => sum + w.valid, 0);
  const bad = span.reduce((sum, w) => sum + (w.objectives[index]?.bad ?? 0), 0);
  return valid === 0 || allowed <= 0 ? undefined : bad / valid / allowed;
}

/**
 * The multiwindow burn-rate guardrail (as in SRE alerting): the reason to abort when, for some
 * objective, both the short and the long span burn the budget more than `factor` times as fast
 * as allowed — the short span says it is happening now, the long one that it is not a blip.
 * Waits until the scored windows cover the short span. Undefined while the budget is safe.
 */
export function burnRateBreach(
  objectives: readonly ObjectiveSpec[],
  windows: readonly WindowSummary[],
  spec: BurnRateSpec,
): string | undefined {
  const scored = windows.filter((w) => w.phase !== 'warmup');
  const first = scored[0];
  const last = scored.at(-1);
  if (!first || !last || last.endMs - first.startMs < spec.short) return undefined;
  for (const [i, objective] of objectives.entries()) {
    const allowed = allowedBadShare(objective);
    if (allowed === undefined || allowed <= 0) continue;
    const short = burnRate(windows, i, allowed, spec.short);
    const long = burnRate(windows, i, allowed, spec.long);
    if (short !== undefined && long !== undefined && short > spec.factor && long > spec.factor) {
      return `objective ${objective.name} burns its error budget ${short.toFixed(1)}× as fast as allowed over the last ${spec.short / 1000}s and ${long.toFixed(1)}× over the last ${spec.long / 1000}s (limit ${spec.factor}×)`;
    }
  }
  return undefined;
}
