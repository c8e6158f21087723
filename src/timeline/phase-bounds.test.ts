import { describe, expect, it } from 'vitest';
import { baselineCheckAtMs, phaseBounds, phaseSpans } from './phase-bounds.ts';

const bounds = phaseBounds({ warmup: 2000, baseline: 5000, after: 4000, durationMs: 30_000 });
const spans = (faults: { injectAtMs: number; revertAtMs: number | undefined }[]) =>
  phaseSpans(bounds, faults).map((p) => [p.phase, p.startMs, p.endMs]);

describe('phaseBounds', () => {
  it('derives warm-up end, fault start and after start from the hypothesis and duration', () => {
    expect(bounds).toEqual({
      durationMs: 30_000,
      warmupEndMs: 2000,
      faultStartMs: 7000,
      afterStartMs: 26_000,
    });
  });

  it('a run with no faults is warm-up, one long baseline (a steady-state check), then after', () => {
    expect(spans([])).toEqual([
      ['warmup', 0, 2000],
      ['baseline', 2000, 26_000],
      ['after', 26_000, 30_000],
    ]);
    expect(baselineCheckAtMs(bounds, [])).toBe(7000);
  });

  it('baseline lasts until the first inject; faults until the last revert; recovery until after', () => {
    expect(
      spans([
        { injectAtMs: 12_000, revertAtMs: 15_000 },
        { injectAtMs: 9000, revertAtMs: 11_000 },
      ]),
    ).toEqual([
      ['warmup', 0, 2000],
      ['baseline', 2000, 9000],
      ['faults', 9000, 15_000],
      ['recovery', 15_000, 26_000],
      ['after', 26_000, 30_000],
    ]);
    expect(baselineCheckAtMs(bounds, [{ injectAtMs: 9000, revertAtMs: undefined }])).toBe(9000);
  });

  it('a fault that stays to the end keeps the fault phase open until after; empty phases are left out', () => {
    expect(spans([{ injectAtMs: 7000, revertAtMs: undefined }])).toEqual([
      ['warmup', 0, 2000],
      ['baseline', 2000, 7000],
      ['faults', 7000, 26_000],
      ['after', 26_000, 30_000],
    ]);
    const noWarmup = phaseBounds({ warmup: 0, baseline: 1000, after: 0, durationMs: 3000 });
    expect(phaseSpans(noWarmup, [{ injectAtMs: 1000, revertAtMs: 3000 }]).map((p) => p.phase)).toEqual([
      'baseline',
      'faults',
    ]);
  });
});
