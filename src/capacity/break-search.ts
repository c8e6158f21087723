import type { Level } from './capacity-level.ts';
import type { Probe } from './capacity-search.ts';

/** How an overloaded level failed: slow answers, error answers, no answer in time, refused connections. */
export type FailureMode = 'latency' | 'errors' | 'timeouts' | 'refusals';

/** What `--break` found past the first failing level. */
export interface BreakResult {
  /** The first rate at which most requests got no good answer; null when the ceiling came first. */
  readonly breakingRate: number | null;
  /** How the first failing level failed (the knee), and how the last overloaded level did. */
  readonly kneeMode: FailureMode | null;
  readonly breakMode: FailureMode | null;
  /** Whether a level at `recoveryRate` held again after the overload; null when not tried. */
  readonly recovered: boolean | null;
  readonly recoveryRate: number | null;
  readonly levels: readonly Level[];
}

/** Share of requests answered well below which the system counts as broken. */
const BROKEN_GOOD_SHARE = 0.5;

/** The dominant way a failing level failed. */
export function failureMode(level: Level): FailureMode {
  const shares: [FailureMode, number][] = [
    ['errors', level.errorShare],
    ['timeouts', level.timeoutShare],
    ['refusals', level.refusalShare],
  ];
  const [mode, share] = shares.reduce((a, b) => (b[1] > a[1] ? b : a));
  return share >= 0.01 ? mode : 'latency';
}

/**
 * Raises the rate from `firstFailing` by `growth` until most requests (over half) get no good
 * answer or the rate passes `ceiling`, then runs one level at `recoveryRate` (a rate that held
 * before) to see whether the system came back once the load dropped. Pure: levels come from
 * `probe`. `shouldStop` is asked before each level.
 */
export async function searchBreakingPoint(
  options: { firstFailing: Level; ceiling: number; growth?: number; recoveryRate: number | null },
  probe: Probe,
  shouldStop: () => boolean = () => false,
): Promise<BreakResult> {
  const growth = options.growth ?? 1.5;
  const levels: Level[] = [];
  let last = options.firstFailing;
  let breakingRate: number | null = broken(last) ? last.rate : null;
  for (let rate = last.rate * growth; breakingRate === null && rate <= options.ceiling; rate *= growth) {
    if (shouldStop()) break;
    last = await probe(Math.round(rate * 10) / 10, 'break');
    levels.push(last);
    if (broken(last)) breakingRate = last.rate;
  }
  let recovered: boolean | null = null;
  if (options.recoveryRate !== null && !shouldStop()) {
    const level = await probe(options.recoveryRate, 'recovery');
    levels.push(level);
    recovered = level.outcome === 'invalid' ? null : level.outcome === 'holds';
  }
  const overloaded = [options.firstFailing, ...levels].filter(
    (l) => l.outcome === 'fails' && l.purpose !== 'recovery',
  );
  return {
    breakingRate,
    kneeMode: failureMode(options.firstFailing),
    breakMode: overloaded.length === 0 ? null : failureMode(overloaded[overloaded.length - 1] as Level),
    recovered,
    recoveryRate: options.recoveryRate,
    levels,
  };
}

function broken(level: Level): boolean {
  return level.outcome === 'fails' && level.goodRate < BROKEN_GOOD_SHARE * level.offeredRate;
}
