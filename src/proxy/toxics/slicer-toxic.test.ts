import { describe, expect, it } from 'vitest';
import { slicePieces } from './slicer-toxic.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('slicePieces', () => {
  it('cuts into pieces around the average that add up to the whole', () => {
    const pieces = slicePieces(10_000, 100, 20);
    expect(sum(pieces)).toBe(10_000);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(120);
    expect(pieces.length).toBeGreaterThan(70);
  });

  it('is safe for hostile sizes: average 0, variation above the average, negatives; never an empty piece', () => {
    for (const [average, variation] of [
      [0, 0],
      [2, 500],
      [-5, -7],
      [1, 1],
      [3, 3000],
    ] as const) {
      const pieces = slicePieces(5000, average, variation);
      expect(sum(pieces)).toBe(5000);
      expect(Math.min(...pieces)).toBeGreaterThan(0);
    }
    expect(slicePieces(5000, 0, 0).every((p) => p === 1)).toBe(true);
    expect(slicePieces(0, 10, 2)).toEqual([]);
    expect(slicePieces(65_536, 1, 65_536, () => 0)).toEqual([65_536]);
  });
});
