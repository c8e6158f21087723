import { describe, expect, it } from 'vitest';
import { bestReading } from './container-stats.ts';

const reader = (values: number[]) => {
  const queue = [...values];
  const read = () => Promise.resolve(queue.shift() ?? Number.NaN);
  return { read, left: () => queue.length };
};

describe('bestReading', () => {
  it('stops at the first reading that is enough', async () => {
    const r = reader([80, 5, 5]);
    expect(await bestReading(r.read, (v) => v >= 30, 3)).toEqual({ value: 80, readings: 1 });
    expect(r.left()).toBe(2);
  });

  it('reads again after a low reading that straddled the start of the load', async () => {
    const r = reader([12, 95, 99]);
    expect(await bestReading(r.read, (v) => v >= 30, 3)).toEqual({ value: 95, readings: 2 });
  });

  it('gives up after max readings and returns the best of them', async () => {
    const r = reader([4, 9, 7, 100]);
    expect(await bestReading(r.read, (v) => v >= 30, 3)).toEqual({ value: 9, readings: 3 });
    expect(r.left()).toBe(1);
  });
});
