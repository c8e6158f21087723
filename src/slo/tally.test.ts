import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../experiment/model.ts';
import { Tally } from './tally.ts';

const objectives: ObjectiveSpec[] = [
  { name: 'p99', latency: { percentile: 99, below: 300 } },
  { name: 'availability', success: { 'at-least': 0.99 } },
  { name: 'errors', errors: { below: 0.05 } },
  { name: 'floor', throughput: { 'at-least': 50 } },
];

describe('Tally', () => {
  it('meets every objective for fast, successful, plentiful answers', () => {
    const t = new Tally(objectives);
    for (let i = 0; i < 100; i++) t.response(10_000 + i * 100, 200);
    const results = t.evaluate(1, true);
    expect(results.map((r) => r.met)).toEqual([true, true, true, true]);
    expect(results[0]?.value).toBeCloseTo(19.9, 0);
    expect(results[3]?.value).toBe(100);
  });

  it('treats unanswered requests as infinitely slow for latency percentiles', () => {
    const t = new Tally(objectives);
    for (let i = 0; i < 98; i++) t.response(5000, 200);
    t.timeouts += 2; // 2% never answered
    expect(t.percentileMs(50)).toBeCloseTo(5, 1);
    expect(t.percentileMs(99)).toBeNull();
    const [p99, availability] = t.evaluate(1, true);
    expect(p99).toMatchObject({ met: false, value: null, bad: 2 });
    expect(availability?.met).toBe(false);
    expect(availability?.value).toBeCloseTo(0.98);
  });

  it('counts 5xx as bad but not as slow', () => {
    const t = new Tally(objectives);
    for (let i = 0; i < 90; i++) t.response(1000, 200);
    for (let i = 0; i < 10; i++) t.response(1000, 503);
    const [p99, availability, errors] = t.evaluate(1, true);
    expect(p99?.met).toBe(true);
    expect(availability).toMatchObject({ met: false, bad: 10 });
    expect(errors?.value).toBeCloseTo(0.1);
  });

  it('never passes a window that had load but no answer', () => {
    const t = new Tally(objectives);
    t.intended = 200;
    expect(t.evaluate(1, true).every((r) => !r.met)).toBe(true);
    expect(
      new Tally(objectives)
        .evaluate(1, false)
        .slice(0, 3)
        .every((r) => r.met),
    ).toBe(true);
  });

  it('adds tallies (window into phase) without losing events', () => {
    const a = new Tally(objectives);
    const b = new Tally(objectives);
    a.response(400_000, 200);
    b.response(1000, 500);
    b.shortfall = 3;
    a.add(b);
    expect([a.completed, a.good, a.httpErrors, a.shortfall, a.valid, a.slow[0]]).toEqual([2, 1, 1, 3, 5, 1]);
  });
});
