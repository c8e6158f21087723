import { describe, expect, it } from 'vitest';
import { fuzzProxyApi } from '../../fuzz/proxy-fuzz.ts';

describe('hostile requests to the proxy API over HTTP (a slice of npm run fuzz)', () => {
  it('100 seeded cases each get an answer (below 500, or the 500 of a listener failure) in time, and the proxy keeps serving', async () => {
    const report = await fuzzProxyApi({ cases: 100, seed: 11 });
    expect(report.cases).toBe(100);
    expect(report.crashes).toEqual([]);
    expect(report.hangs).toEqual([]);
    expect(report.located).toBe(100);
  }, 300_000);
});
