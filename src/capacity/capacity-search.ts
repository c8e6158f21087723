import type { Level, LevelPurpose } from './capacity-level.ts';

/** Bounds and steps of a search. Rates in requests per second. */
export interface SearchOptions {
  /** The first rate tried. */
  readonly from: number;
  /** The ceiling: no level above it is tried. */
  readonly to: number;
  /** Stop bisecting once the lowest failing rate is within this fraction above the highest holding one. */
  readonly precision: number;
  /** Factor between steps while bracketing the knee (default 2). */
  readonly growth?: number;
  /** Most levels the search may run (default 20). */
  readonly maxLevels?: number;
}

/** Runs one level at `rate` and judges it. */
export type Probe = (rate: number, purpose: LevelPurpose) => Promise<Level>;

/** Why the search stopped. */
export type SearchStop =
  | 'precision' // bracket narrowed to the precision and the answer confirmed by a repeat
  | 'ceiling' // every level up to `to` held
  | 'floor' // even `from` failed
  | 'runner' // the runner could not drive the levels needed to go on
  | 'max-levels'
  | 'stopped'; // the caller stopped it (interrupt, error)

/** What the search found. `levels` lists every level run, in order. */
export interface SearchResult {
  readonly maxSustainableRate: number | null;
  readonly firstFailingRate: number | null;
  readonly brokenBy: string | null;
  /** True when a repeat of the answer held as well. */
  readonly confirmed: boolean;
  readonly stop: SearchStop;
  readonly levels: readonly Level[];
}

class Stop extends Error {
  constructor(readonly why: SearchStop) {
    super(why);
  }
}

/**
 * The capacity search, pure: steps up geometrically from `from` until a level fails (or `to`
 * holds), then bisects (geometric midpoints) until the failing rate is within `precision` of the
 * holding one, then repeats the answer; a repeat that fails lowers the answer and goes on. An
 * `invalid` level is retried once; if still invalid, nothing at or above it is tried (the runner
 * cannot drive it) but it is never counted as a failure of the system: the search then ends
 * with `runner`, its answer a lower bound set by the runner. `shouldStop` is asked
 * before each level.
 */
export async function searchCapacity(
  options: SearchOptions,
  probe: Probe,
  shouldStop: () => boolean = () => false,
): Promise<SearchResult> {
  const growth = options.growth ?? 2;
  const maxLevels = options.maxLevels ?? 20;
  const levels: Level[] = [];
  const holding = new Set<number>();
  let lo: number | null = null;
  let hi: number | null = null;
  let brokenBy: string | null = null;
  let unreachable: number | null = null;
  let confirmed = false;
  const measure = async (rate: number, purpose: LevelPurpose): Promise<Level> => {
    let level = await once(rate, purpose);
    if (level.outcome === 'invalid') level = await once(rate, 'retry');
    if (level.outcome === 'holds') holding.add(rate);
    else if (level.outcome === 'fails') [hi, brokenBy] = [rate, level.brokenBy];
    else unreachable = Math.min(unreachable ?? Infinity, rate);
    return level;
  };
  const once = async (rate: number, purpose: LevelPurpose): Promise<Level> => {
    if (shouldStop()) throw new Stop('stopped');
    if (levels.length >= maxLevels) throw new Stop('max-levels');
    const level = await probe(rate, purpose);
    levels.push(level);
    return level;
  };
  // The bracket's top: the lowest rate that failed or that the runner could not drive.
  const top = () => (hi === null ? unreachable : unreachable === null ? hi : Math.min(hi, unreachable));
  let stop: SearchStop = 'precision';
  try {
    for (let rate = options.from; ; rate = Math.min(rate * growth, options.to)) {
      const level = await measure(rate, 'step');
      if (level.outcome !== 'holds') break;
      lo = rate;
      if (rate >= options.to) throw new Stop('ceiling');
    }
    if (lo === null) throw new Stop(hi === null ? 'runner' : 'floor');
    for (;;) {
      for (let upper = top(); upper !== null && upper / lo > 1 + options.precision; upper = top()) {
        const mid = round(Math.sqrt(lo * upper));
        if ((await measure(mid, 'bisect')).outcome === 'holds') lo = mid;
      }
      if (hi === null || (unreachable !== null && unreachable < hi)) throw new Stop('runner');
      const repeat = await measure(lo, 'confirm');
      if (repeat.outcome === 'holds') {
        confirmed = true;
        break;
      }
      if (repeat.outcome === 'invalid') throw new Stop('runner');
      holding.delete(lo);
      const below: number[] = [...holding].filter((r) => r < (lo as number));
      if (below.length === 0) {
        lo = null;
        throw new Stop('floor');
      }
      lo = Math.max(...below);
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    stop = error.why;
  }
  return { maxSustainableRate: lo, firstFailingRate: hi, brokenBy, confirmed, stop, levels };
}

/** Rates are kept to one decimal. */
function round(rate: number): number {
  return Math.round(rate * 10) / 10;
}
