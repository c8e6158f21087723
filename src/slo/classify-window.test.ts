import { describe, expect, it } from 'vitest';
import { experimentFixture } from '../experiment/experiment-fixture.ts';
import { planExperiment } from '../timeline/plan.ts';
import { windowClassifier } from './classify-window.ts';

describe('windowClassifier', () => {
  const plan = planExperiment(
    experimentFixture({ duration: 20_000, warmup: 2_000, baseline: 4_000, after: 5_000, window: 5_000 }),
  );
  const classify = windowClassifier(plan, () => []);

  it('judges a window that straddles the end of warm-up, so no stretch after warm-up goes unscored', () => {
    expect(classify(0, 5_000).phase).toBe('baseline');
  });

  it('leaves a window wholly inside warm-up unscored', () => {
    const longWarmup = planExperiment(
      experimentFixture({ duration: 30_000, warmup: 10_000, baseline: 5_000, after: 5_000, window: 5_000 }),
    );
    const byPlan = windowClassifier(longWarmup, () => []);
    expect(byPlan(0, 5_000).phase).toBe('warmup');
    expect(byPlan(5_000, 10_000).phase).toBe('warmup');
    expect(byPlan(10_000, 15_000).phase).toBe('baseline');
  });

  it('puts a window touched by an active fault in the fault phase', () => {
    const withFault = windowClassifier(plan, () => [{ name: 'f', injectedAtMs: 7_000, revertedAtMs: 9_000 }]);
    expect(withFault(5_000, 10_000)).toEqual({ phase: 'faults', activeFaults: ['f'] });
    expect(withFault(10_000, 15_000).phase).toBe('recovery');
  });
});
