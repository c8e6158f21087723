import { describe, expect, it } from 'vitest';
import { pickCount, seededPick } from './seeded-pick.ts';

describe('pickCount', () => {
  it('takes a count, capped at the matches, or a share rounded up', () => {
    expect(pickCount(undefined, 5)).toBe(5);
    expect(pickCount(2, 5)).toBe(2);
    expect(pickCount(9, 5)).toBe(5);
    expect(pickCount('30%', 10)).toBe(3);
    expect(pickCount('30%', 5)).toBe(2);
    expect(pickCount('1%', 5)).toBe(1);
    expect(pickCount('100%', 5)).toBe(5);
    expect(pickCount(2, 0)).toBe(0);
  });
});

describe('seededPick', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('gives the same pick for the same seed, in input order', () => {
    const first = seededPick(items, 2, 7);
    expect(first).toHaveLength(2);
    for (let i = 0; i < 20; i++) expect(seededPick(items, 2, 7)).toEqual(first);
    expect([...first].sort()).toEqual(first);
  });

  it('spreads over the items as the seed changes', () => {
    const picks = new Set(Array.from({ length: 50 }, (_, seed) => seededPick(items, 2, seed).join()));
    expect(picks.size).toBeGreaterThan(5);
  });

  it('returns everything when count covers all, nothing for 0', () => {
    expect(seededPick(items, 5, 1)).toEqual(items);
    expect(seededPick(items, 0, 1)).toEqual([]);
  });
});
