import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from './history-entry.ts';
import { findRegressions, median } from './regressions.ts';

const entry = (i: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  kind: 'run',
  id: `run-${i}`,
  experiment: 'checkout',
  at: `2026-12-0${i}T09:00:00.000Z`,
  path: `/runs/${i}/journal.json`,
  verdict: 'pass',
  budgetBurned: 0.2,
  timeToRecoverMs: 2000,
  capacity: null,
  capacityUnder: null,
  ...over,
});

describe('findRegressions', () => {
  it('flags a time-to-recover that doubled against the median of the previous runs', () => {
    const runs = [1, 2, 3, 4].map((i) => entry(i, { timeToRecoverMs: 1900 + i * 50 }));
    const found = findRegressions([...runs, entry(5, { timeToRecoverMs: 4100 })]);
    expect(found).toEqual([
      expect.objectContaining({ id: 'run-5', metric: 'timeToRecoverMs', value: 4100, median: 2025 }),
    ]);
  });

  it('leaves noise alone: within the margin, or within the floor in milliseconds', () => {
    const runs = [1, 2, 3, 4].map((i) => entry(i));
    expect(findRegressions([...runs, entry(5, { timeToRecoverMs: 2300 })])).toEqual([]);
    const quick = [1, 2, 3, 4].map((i) => entry(i, { timeToRecoverMs: 100 }));
    expect(findRegressions([...quick, entry(5, { timeToRecoverMs: 400 })])).toEqual([]);
  });

  it('flags lower capacity, more budget burned, and a failure where the previous runs passed', () => {
    const caps = [1, 2, 3].map((i) => entry(i, { kind: 'capacity', capacity: 200, timeToRecoverMs: null }));
    expect(
      findRegressions([...caps, entry(4, { kind: 'capacity', capacity: 150, timeToRecoverMs: null })])[0],
    ).toMatchObject({
      metric: 'capacity',
    });
    const metrics = findRegressions([
      entry(1),
      entry(2),
      entry(3, { budgetBurned: 0.9, verdict: 'fail' }),
    ]).map((r) => r.metric);
    expect(metrics).toEqual(['budgetBurned', 'verdict']);
  });

  it('compares each experiment only with itself, and needs an earlier run', () => {
    expect(
      findRegressions([entry(1, { experiment: 'a' }), entry(2, { experiment: 'b', timeToRecoverMs: 9000 })]),
    ).toEqual([]);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
