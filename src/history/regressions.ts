import type { HistoryEntry } from './history-entry.ts';

/** How `history` decides a regression. */
export interface RegressionRule {
  /** How many earlier entries of the same experiment and kind the median is taken over. */
  readonly previous: number;
  /** Relative noise margin: worse than the median by more than this share is a regression. */
  readonly margin: number;
  /** Time-to-recover differences up to this many ms are noise whatever the share. */
  readonly ttrFloorMs: number;
}

/** The default rule: median of the 5 previous, 20 % margin, 500 ms floor on time-to-recover. */
export const DEFAULT_RULE: RegressionRule = { previous: 5, margin: 0.2, ttrFloorMs: 500 };

/** One figure of one entry found worse than its recent median. */
export interface Regression {
  readonly id: string;
  readonly experiment: string;
  readonly metric: 'timeToRecoverMs' | 'budgetBurned' | 'capacity' | 'capacityUnder' | 'verdict';
  readonly value: number | string;
  readonly median: number | string;
  readonly text: string;
}

/**
 * The regressions of the latest entry of each experiment (and kind) against the median of its
 * previous `rule.previous` entries: time-to-recover or budget burned higher, capacity lower, by
 * more than the margin; or a failing verdict where most previous entries passed. Pure.
 */
export function findRegressions(
  entries: readonly HistoryEntry[],
  rule: RegressionRule = DEFAULT_RULE,
): Regression[] {
  const groups = new Map<string, HistoryEntry[]>();
  for (const e of [...entries].sort((a, b) => a.at.localeCompare(b.at)))
    groups.set(`${e.kind}\u0000${e.experiment}`, [
      ...(groups.get(`${e.kind}\u0000${e.experiment}`) ?? []),
      e,
    ]);
  return [...groups.values()].flatMap((group) => {
    const latest = group[group.length - 1] as HistoryEntry;
    const before = group.slice(-1 - rule.previous, -1);
    if (before.length === 0) return [];
    const found: Regression[] = [];
    const check = (
      metric: 'timeToRecoverMs' | 'budgetBurned' | 'capacity' | 'capacityUnder',
      higherIsWorse: boolean,
    ) => {
      const value = latest[metric];
      const m = median(before.flatMap((e) => (e[metric] === null ? [] : [e[metric]])));
      if (value === null || m === null) return;
      const worse = higherIsWorse ? value > m * (1 + rule.margin) : value < m * (1 - rule.margin);
      const noise = metric === 'timeToRecoverMs' && Math.abs(value - m) <= rule.ttrFloorMs;
      if (worse && !noise)
        found.push({
          id: latest.id,
          experiment: latest.experiment,
          metric,
          value,
          median: m,
          text: `${metric} ${round(value)} vs median ${round(m)} of the previous ${before.length}`,
        });
    };
    check('timeToRecoverMs', true);
    check('budgetBurned', true);
    check('capacity', false);
    check('capacityUnder', false);
    const passed = before.filter((e) => e.verdict === 'pass').length;
    if (latest.verdict !== 'pass' && passed * 2 > before.length)
      found.push({
        id: latest.id,
        experiment: latest.experiment,
        metric: 'verdict',
        value: latest.verdict,
        median: 'pass',
        text: `verdict ${latest.verdict} where ${passed} of the previous ${before.length} passed`,
      });
    return found;
  });
}

/** The median of some numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
