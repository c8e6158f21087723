import { formatDuration } from '../experiment/quantities.ts';
import { faultTimings, RECOVERED_AFTER_GOOD_WINDOWS, type FaultTimings } from './fault-timings.ts';
import type { Breach, VerdictInput } from './verdict.ts';
import type { WindowSummary } from './window-summary.ts';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const badOf = (w: WindowSummary, objective: string) =>
  w.objectives.find((o) => o.objective === objective)?.bad ?? 0;

/**
 * `during-faults: { tolerate: { budget } }`: one breach per objective whose fault phase spent
 * more than the tolerated share of the run's error budget. Suspect when the bad events of the
 * suspect fault windows are what tip it over the budget.
 */
export function budgetBreaches(input: VerdictInput): Breach[] {
  const during = input.hypothesis['during-faults'];
  if (during === 'hold') return [];
  const faultWindows = input.windows.filter((w) => w.phase === 'faults');
  const first = faultWindows[0];
  const last = faultWindows.at(-1);
  return [...input.faultBudgetShare].flatMap(([objective, share]): Breach[] => {
    if (share <= during.tolerate.budget) return [];
    const bad = faultWindows.reduce((n, w) => n + badOf(w, objective), 0);
    const suspectBad = faultWindows.filter((w) => w.suspect).reduce((n, w) => n + badOf(w, objective), 0);
    const firmShare = bad === 0 ? 0 : (share * (bad - suspectBad)) / bad;
    const suspect = firmShare <= during.tolerate.budget;
    return [
      {
        phase: 'faults',
        rule: 'budget',
        objective,
        windowStartMs: first?.startMs ?? 0,
        windowEndMs: last?.endMs ?? 0,
        value: share,
        reason: `the fault phase spent ${pct(share)} of the run's error budget; tolerated: ${pct(during.tolerate.budget)}${suspect ? `; without the windows where the runner itself lagged it would have spent ${pct(firmShare)}` : ''}`,
        outcome: 'fail',
        suspect,
      },
    ];
  });
}

/** Whether a fault's recovery satisfies the hypothesis (no impact counts as nothing to recover). */
function recoveredInTime(t: FaultTimings, within: number | undefined): boolean {
  if (t.timeToImpactMs === null) return true;
  return t.timeToRecoverMs !== null && (within === undefined || t.timeToRecoverMs <= within);
}

/**
 * One breach per fault reverted during the run that had an impact and did not recover before
 * the run ended, or (with `recover-within`) took longer. Faults that stayed until the end of
 * load have no recovery to judge. Suspect when counting the runner's suspect windows as good
 * would have made the recovery good enough.
 */
export function recoveryBreaches(input: VerdictInput): Breach[] {
  const within = input.hypothesis['recover-within'];
  const endMs = input.windows.at(-1)?.endMs ?? 0;
  return input.intervals.flatMap((interval): Breach[] => {
    const reverted = interval.revertedAtMs;
    if (reverted === undefined || reverted >= endMs) return [];
    const t = faultTimings(interval, input.windows);
    if (recoveredInTime(t, within)) return [];
    const suspect = recoveredInTime(
      faultTimings(interval, input.windows, (w) => w.met || w.suspect),
      within,
    );
    const stretchEnd = t.recoveredAtMs ?? endMs;
    const bad = input.windows.filter((w) => !w.met && w.endMs > reverted && w.startMs < stretchEnd);
    const missed = [
      ...new Set(bad.flatMap((w) => w.objectives.filter((o) => !o.met).map((o) => o.objective))),
    ];
    const limit = within === undefined ? '' : `; recover-within allows ${formatDuration(within)}`;
    const what =
      t.timeToRecoverMs === null
        ? `did not recover before the run ended (${RECOVERED_AFTER_GOOD_WINDOWS} good windows in a row after its revert)`
        : `recovered ${formatDuration(t.timeToRecoverMs)} after its revert`;
    return [
      {
        phase: 'recovery',
        rule: 'recovery',
        objective: missed.join(', ') || '*',
        windowStartMs: reverted,
        windowEndMs: stretchEnd,
        value: t.timeToRecoverMs,
        reason: `fault ${interval.name} ${what}${limit}${suspect ? '; counting the windows where the runner itself lagged as good, it recovered in time' : ''}`,
        outcome: 'fail',
        suspect,
      },
    ];
  });
}
