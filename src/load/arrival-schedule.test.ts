import { describe, expect, it } from 'vitest';
import { ArrivalSchedule } from './arrival-schedule.ts';
import { RequestMix } from './request-mix.ts';

describe('ArrivalSchedule', () => {
  it('spaces a constant rate evenly, with no bursts', () => {
    const s = new ArrivalSchedule(200, []);
    const due = Array.from({ length: 400 }, (_, n) => s.dueAt(n));
    const gaps = due.slice(1).map((t, i) => t - (due[i] ?? 0));
    expect(Math.min(...gaps)).toBeCloseTo(5, 6);
    expect(Math.max(...gaps)).toBeCloseTo(5, 6);
    expect(due.filter((t) => t < 1000)).toHaveLength(200);
  });

  it('ramps linearly through stages and holds the last rate', () => {
    const s = new ArrivalSchedule(0, [
      { for: 10_000, rate: 100 },
      { for: 10_000, rate: 100 },
    ]);
    expect(s.countAt(10_000)).toBeCloseTo(500);
    expect(s.countAt(20_000)).toBeCloseTo(1500);
    expect(s.countAt(30_000)).toBeCloseTo(2500);
    expect(s.rateAt(5000)).toBeCloseTo(50);
    for (const n of [0, 10, 499, 500, 1499, 2000]) expect(s.countAt(s.dueAt(n))).toBeCloseTo(n + 0.5, 6);
  });

  it('never schedules past a ramp down to zero', () => {
    const s = new ArrivalSchedule(100, [{ for: 2000, rate: 0 }]);
    expect(s.countAt(10_000)).toBeCloseTo(100);
    expect(s.dueAt(99)).toBeLessThan(2000);
    expect(s.dueAt(100)).toBe(Infinity);
  });
});

describe('RequestMix', () => {
  it('sends each request in proportion to its weight, interleaved', () => {
    const mix = new RequestMix([1, 3]);
    const picks = Array.from({ length: 8 }, () => mix.next());
    expect(picks.filter((i) => i === 1)).toHaveLength(6);
    expect(picks.slice(0, 4).filter((i) => i === 0)).toHaveLength(1);
  });
});
