import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../experiment/model.ts';
import type { WindowSummary } from '../slo/window-summary.ts';
import { burnRateBreach } from './burn-rate-guardrail.ts';

const objective = { name: 'availability', success: { 'at-least': 0.99 } } as unknown as ObjectiveSpec;

/** One-second windows with `bad` failures out of 100 each. */
function windows(bads: readonly number[]): WindowSummary[] {
  return bads.map(
    (bad, i) =>
      ({
        index: i,
        startMs: i * 1000,
        endMs: (i + 1) * 1000,
        phase: i === 0 ? 'warmup' : 'faults',
        valid: 100,
        objectives: [
          { objective: 'availability', kind: 'success', met: bad <= 1, value: 1 - bad / 100, bad },
        ],
      }) as unknown as WindowSummary,
  );
}

describe('burnRateBreach (multiwindow)', () => {
  const spec = { short: 2000, long: 6000, factor: 10 };

  it('aborts when both the short and the long span burn faster than the factor', () => {
    expect(burnRateBreach([objective], windows([100, 20, 20, 20, 20, 20, 20]), spec)).toMatch(
      /availability burns its error budget 20\.0× .* 20\.0× over the last 6s \(limit 10×\)/,
    );
  });

  it('does not abort on a short spike the long span absorbs', () => {
    expect(burnRateBreach([objective], windows([0, 0, 0, 0, 0, 0, 30]), spec)).toBeUndefined();
  });

  it('does not abort when the long span burned but the short span has recovered', () => {
    expect(burnRateBreach([objective], windows([0, 50, 50, 50, 50, 0, 0]), spec)).toBeUndefined();
  });

  it('ignores warm-up windows and waits until the short span is covered', () => {
    expect(burnRateBreach([objective], windows([100, 100]), spec)).toBeUndefined();
  });
});
