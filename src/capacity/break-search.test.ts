import { describe, expect, it } from 'vitest';
import { searchBreakingPoint } from './break-search.ts';
import { FakeSystem } from './fake-system.ts';

describe('searchBreakingPoint against a simulated service', () => {
  it('raises the rate until most requests fail, says how, and checks recovery at a rate that held', async () => {
    const system = new FakeSystem(200);
    const firstFailing = await system.probe(210, 'bisect');
    const result = await searchBreakingPoint(
      { firstFailing, ceiling: 5000, recoveryRate: 190 },
      system.probe,
    );
    // 210 keeps 95 % good; 315 keeps 63 %; 472.5 keeps 42 %: broken.
    expect(result.breakingRate).toBe(472.5);
    expect(result.kneeMode).toBe('timeouts');
    expect(result.breakMode).toBe('timeouts');
    expect(result.recovered).toBe(true);
    expect(result.levels.map((l) => l.purpose)).toEqual(['break', 'break', 'recovery']);
  });

  it('stops at the ceiling without a breaking rate, and tells error answers apart', async () => {
    const system = new FakeSystem(200, { errorsAbove: true });
    const firstFailing = await system.probe(210, 'bisect');
    const result = await searchBreakingPoint(
      { firstFailing, ceiling: 300, recoveryRate: null },
      system.probe,
    );
    expect(result.breakingRate).toBeNull();
    expect(result.breakMode).toBe('errors');
    expect(result.recovered).toBeNull();
    expect(result.levels).toHaveLength(0);
  });
});
