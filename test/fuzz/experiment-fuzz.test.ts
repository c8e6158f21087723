import { describe, expect, it } from 'vitest';
import { fuzzExperiments } from '../../fuzz/experiment-fuzz.ts';

describe('hostile experiment files (a slice of npm run fuzz)', () => {
  it('400 seeded cases each end in a valid plan or a located error, none crashes or hangs', async () => {
    const report = await fuzzExperiments({ cases: 400, seed: 7 });
    expect(report.cases).toBe(400);
    expect(report.crashes).toEqual([]);
    expect(report.hangs).toEqual([]);
    // The generator reaches both ends: some cases stay valid, most are refused with a location.
    expect(report.plans).toBeGreaterThan(0);
    expect(report.located).toBeGreaterThan(report.plans);
  }, 300_000);
});
