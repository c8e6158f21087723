import { describe, expect, it } from 'vitest';
import { faultTimings } from './fault-timings.ts';
import { decideVerdict, type VerdictInput } from './verdict.ts';
import type { WindowSummary } from './window-summary.ts';

function window(
  startMs: number,
  phase: WindowSummary['phase'],
  met: boolean,
  activeFaults: string[] = [],
): WindowSummary {
  return {
    index: startMs / 1000,
    startMs,
    endMs: startMs + 1000,
    phase,
    activeFaults,
    intended: 100,
    completed: met ? 100 : 0,
    good: met ? 100 : 0,
    httpErrors: 0,
    timeouts: 0,
    connectionErrors: 0,
    shortfall: 0,
    valid: 100,
    latency: { p50: 1, p90: 1, p95: 1, p99: 1, p999: 1, max: 1 },
    objectives: [{ objective: 'availability', kind: 'success', met, value: met ? 1 : 0 }],
    met,
    causes: [],
    runner: null,
    suspect: false,
    saturation: [],
  };
}

const hypothesis = { warmup: 0, baseline: 2000, 'during-faults': 'hold', after: 2000 } as const;
const base = (windows: WindowSummary[], extra: Partial<VerdictInput> = {}): VerdictInput => ({
  hypothesis,
  windows,
  timings: [],
  faultBudgetShare: new Map(),
  baselineEndMs: 2000,
  aborted: false,
  error: false,
  baselineFailed: false,
  ...extra,
});

describe('decideVerdict', () => {
  const steady = [window(0, 'baseline', true), window(1000, 'baseline', true)];

  it('passes when every scored window holds', () => {
    const windows = [...steady, window(2000, 'faults', true, ['p']), window(3000, 'after', true)];
    expect(decideVerdict(base(windows)).verdict).toBe('pass');
  });

  it('fails with the breach inside the fault window', () => {
    const windows = [
      ...steady,
      window(2000, 'faults', false, ['p']),
      window(3000, 'recovery', true),
      window(4000, 'after', true),
    ];
    const { verdict, breaches } = decideVerdict(base(windows));
    expect(verdict).toBe('fail');
    expect(breaches).toEqual([
      expect.objectContaining({ phase: 'faults', windowStartMs: 2000, objective: 'availability' }),
    ]);
  });

  it('is not steady when the baseline misses, whatever follows', () => {
    const windows = [
      window(0, 'baseline', false),
      window(1000, 'baseline', true),
      window(2000, 'faults', false),
    ];
    expect(decideVerdict(base(windows)).verdict).toBe('not-steady');
  });

  it('tolerates a bad fault phase within its budget share but not beyond it', () => {
    const windows = [...steady, window(2000, 'faults', false, ['p']), window(3000, 'after', true)];
    const tolerate = { ...hypothesis, 'during-faults': { tolerate: { budget: 0.5 } } } as const;
    expect(
      decideVerdict(
        base(windows, { hypothesis: tolerate, faultBudgetShare: new Map([['availability', 0.4]]) }),
      ).verdict,
    ).toBe('pass');
    expect(
      decideVerdict(
        base(windows, { hypothesis: tolerate, faultBudgetShare: new Map([['availability', 0.6]]) }),
      ).verdict,
    ).toBe('fail');
  });

  it('fails when a fault recovers later than recover-within', () => {
    const windows = [...steady, window(2000, 'faults', true, ['p'])];
    const slow = base(windows, {
      hypothesis: { ...hypothesis, 'recover-within': 2000 },
      timings: [{ fault: 'p', timeToImpactMs: 0, timeToRecoverMs: 3000 }],
    });
    expect(decideVerdict(slow).verdict).toBe('fail');
  });

  it('reports aborted and error ahead of SLO outcomes', () => {
    expect(decideVerdict(base(steady, { aborted: true })).verdict).toBe('aborted');
    expect(decideVerdict(base(steady, { error: true })).verdict).toBe('error');
  });
});

describe('faultTimings', () => {
  it('measures impact from inject and recovery to the first of three good windows', () => {
    const windows = [
      window(2000, 'faults', true, ['p']),
      window(3000, 'faults', false, ['p']),
      window(4000, 'faults', false, ['p']),
      window(5000, 'recovery', false),
      window(6000, 'recovery', true),
      window(7000, 'recovery', true),
      window(8000, 'after', true),
    ];
    expect(faultTimings({ name: 'p', injectedAtMs: 2000, revertedAtMs: 5000 }, windows)).toEqual({
      fault: 'p',
      timeToImpactMs: 1000,
      timeToRecoverMs: 1000,
    });
    expect(
      faultTimings({ name: 'p', injectedAtMs: 2000, revertedAtMs: 5000 }, windows.slice(0, 5)),
    ).toMatchObject({ timeToRecoverMs: 1000 });
    expect(faultTimings({ name: 'q', injectedAtMs: 2000 }, windows)).toEqual({
      fault: 'q',
      timeToImpactMs: null,
      timeToRecoverMs: null,
    });
  });
});
