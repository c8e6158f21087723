import { describe, expect, it } from 'vitest';
import { searchCapacity } from './capacity-search.ts';
import { FakeSystem } from './fake-system.ts';

describe('searchCapacity against a simulated service', () => {
  // Within a factor 4 above `from`: 3 steps, 4 bisections, 1 repeat.
  it.each([
    [200, 90],
    [137, 40],
    [523, 150],
  ])(
    'finds a capacity of %i req/s from %i within five percent in at most 8 levels',
    async (capacity, from) => {
      const system = new FakeSystem(capacity);
      const result = await searchCapacity({ from, to: 2000, precision: 0.05 }, system.probe);
      expect(result.stop).toBe('precision');
      expect(result.confirmed).toBe(true);
      const found = result.maxSustainableRate ?? 0;
      expect(found).toBeLessThanOrEqual(capacity);
      expect(found).toBeGreaterThanOrEqual(capacity * 0.95);
      expect(result.firstFailingRate).toBeGreaterThan(capacity);
      expect((result.firstFailingRate ?? 0) / found).toBeLessThanOrEqual(1.05);
      expect(result.brokenBy).toBe('p99');
      expect(result.levels.length).toBeLessThanOrEqual(8);
      expect(result.levels.at(-1)).toMatchObject({ purpose: 'confirm', rate: found, outcome: 'holds' });
    },
  );

  it('lowers the answer when its repeat fails, and confirms the lower one', async () => {
    const system = new FakeSystem(200, { flaky: [] });
    const first = await searchCapacity({ from: 90, to: 2000, precision: 0.05 }, system.probe);
    const answer = first.maxSustainableRate ?? 0;
    const again = new FakeSystem(200, { flaky: [answer] });
    // The answer holds in the search, then fails its repeat: flaky fails only the first time, so
    // make the search's own level pass by asking the repeat to be its second visit.
    const result = await searchCapacity({ from: 90, to: 2000, precision: 0.05 }, (rate, purpose) =>
      purpose === 'confirm' && rate === answer ? again.probe(rate, purpose) : system.probe(rate, purpose),
    );
    expect(result.maxSustainableRate).toBeLessThan(answer);
    expect(result.firstFailingRate).toBe(answer);
    expect(result.confirmed).toBe(true);
    expect(result.levels.filter((l) => l.purpose === 'confirm')).toHaveLength(2);
  });

  it('reports the floor when even the first rate fails', async () => {
    const result = await searchCapacity({ from: 300, to: 2000, precision: 0.05 }, new FakeSystem(200).probe);
    expect(result).toMatchObject({ stop: 'floor', maxSustainableRate: null, firstFailingRate: 300 });
    expect(result.levels).toHaveLength(1);
  });

  it('reports the ceiling when every level up to it holds', async () => {
    const result = await searchCapacity({ from: 100, to: 500, precision: 0.05 }, new FakeSystem(900).probe);
    expect(result).toMatchObject({ stop: 'ceiling', maxSustainableRate: 500, firstFailingRate: null });
    expect(result.levels.map((l) => l.rate)).toEqual([100, 200, 400, 500]);
  });

  it('never blames the system for a level the runner could not drive: retried, then not gone above', async () => {
    const system = new FakeSystem(1000, { invalidAt: (rate) => rate >= 350 });
    const result = await searchCapacity({ from: 100, to: 2000, precision: 0.05 }, system.probe);
    expect(result.stop).toBe('runner');
    expect(result.firstFailingRate).toBeNull();
    expect(result.brokenBy).toBeNull();
    expect(result.maxSustainableRate).toBeLessThan(350);
    expect(result.maxSustainableRate).toBeGreaterThanOrEqual(350 / 1.05 - 1);
    expect(result.levels.some((l) => l.purpose === 'retry' && l.outcome === 'invalid')).toBe(true);
    expect(result.levels.every((l) => l.outcome !== 'fails')).toBe(true);
  });

  it('never re-probes a rate the runner could not drive, even below a failing one', async () => {
    const system = new FakeSystem(150, { invalidAt: (rate) => rate > 130 && rate < 150 });
    const result = await searchCapacity({ from: 100, to: 2000, precision: 0.05 }, system.probe);
    const invalid = system.probes.filter((p) => p.rate > 130 && p.rate < 150).map((p) => p.rate);
    // 141.4 and 135.4: each tried once and retried once, then never again.
    expect(invalid).toEqual([141.4, 141.4, 135.4, 135.4]);
    expect(result).toMatchObject({ stop: 'runner', confirmed: false, maxSustainableRate: 129.7 });
    expect(result.firstFailingRate).toBe(200);
  });

  it('stops when asked, and at the level limit', async () => {
    let n = 0;
    const system = new FakeSystem(200);
    const stopped = await searchCapacity(
      { from: 90, to: 2000, precision: 0.05 },
      system.probe,
      () => ++n > 2,
    );
    expect(stopped).toMatchObject({ stop: 'stopped' });
    expect(stopped.levels).toHaveLength(2);
    const limited = await searchCapacity(
      { from: 90, to: 2000, precision: 0.001, maxLevels: 5 },
      new FakeSystem(200).probe,
    );
    expect(limited).toMatchObject({ stop: 'max-levels', confirmed: false });
    expect(limited.levels).toHaveLength(5);
  });
});
