import { describe, expect, it } from 'vitest';
import type { HypothesisSpec } from '../experiment/model.ts';
import type { FaultInterval } from './classify-window.ts';
import { decideVerdict, type VerdictInput, type VerdictResult } from './verdict.ts';
import { windowFixture } from './window-fixture.ts';
import type { WindowSummary } from './window-summary.ts';

// One timeline for every cell: 1 s windows, declared baseline 0–3 s, fault `f` injected at 4 s
// (so 3–4 s is the stretch between baseline and first inject) and reverted at 6 s, `after` from
// 10 s, the run ends at 12 s.
const F: FaultInterval = { name: 'f', injectedAtMs: 4000, revertedAtMs: 6000 };
const hold: HypothesisSpec = { warmup: 0, baseline: 3000, 'during-faults': 'hold', after: 2000 };

function phaseAt(startMs: number, faults: readonly FaultInterval[]): WindowSummary['phase'] {
  if (faults.length > 0 && startMs >= 4000 && startMs < 6000) return 'faults';
  if (startMs >= 10_000) return 'after';
  if (faults.length > 0 && startMs >= 6000) return 'recovery';
  return 'baseline';
}

interface Cell {
  readonly bad?: readonly number[];
  readonly suspect?: readonly number[];
  readonly faults?: readonly FaultInterval[];
  readonly hypothesis?: Partial<HypothesisSpec>;
  readonly extra?: Partial<VerdictInput>;
}

function judge(cell: Cell): VerdictResult {
  const faults = cell.faults ?? [F];
  const windows = Array.from({ length: 12 }, (_, i) => {
    const start = i * 1000;
    const phase = phaseAt(start, faults);
    return windowFixture(start, phase, !(cell.bad ?? []).includes(start), {
      activeFaults: phase === 'faults' ? faults.map((f) => f.name) : [],
      suspect: (cell.suspect ?? []).includes(start),
    });
  });
  return decideVerdict({
    hypothesis: { ...hold, ...cell.hypothesis },
    windows,
    intervals: faults,
    faultsPlanned: faults.length > 0,
    faultBudgetShare: new Map(),
    aborted: false,
    error: false,
    baselineFailed: false,
    ...cell.extra,
  });
}

/** The verdict of a run with no faults (a steady-state check) over `windows`. */
function steadyVerdict(windows: WindowSummary[]): VerdictResult {
  return decideVerdict({
    hypothesis: hold,
    windows,
    intervals: [],
    faultsPlanned: false,
    faultBudgetShare: new Map(),
    aborted: false,
    error: false,
    baselineFailed: false,
  });
}

describe('decideVerdict: phase × outcome', () => {
  it('passes when every window after warm-up holds', () => {
    expect(judge({})).toMatchObject({ verdict: 'pass', breaches: [] });
  });

  it('a miss in the declared baseline is not-steady, naming window, objective, value, phase and why', () => {
    const { verdict, breaches } = judge({ bad: [1000] });
    expect(verdict).toBe('not-steady');
    expect(breaches).toEqual([
      {
        phase: 'baseline',
        rule: 'pre-fault',
        objective: 'availability',
        windowStartMs: 1000,
        windowEndMs: 2000,
        value: 0.5,
        reason: 'missed before the first fault was injected: the system was not steady',
        outcome: 'not-steady',
        suspect: false,
      },
    ]);
  });

  it('a miss between the end of the baseline and the first inject is not-steady', () => {
    const { verdict, breaches } = judge({ bad: [3000] });
    expect(verdict).toBe('not-steady');
    expect(breaches[0]).toMatchObject({ windowStartMs: 3000, outcome: 'not-steady' });
  });

  it('in a run with no faults every window is a steady-state check: a miss anywhere, even in after, is not-steady', () => {
    for (const start of [0, 5000, 11_000]) {
      const { verdict, breaches } = judge({ faults: [], bad: [start] });
      expect(verdict).toBe('not-steady');
      expect(breaches[0]?.reason).toContain('in a run with no faults (a steady-state check)');
    }
    expect(judge({ faults: [] }).verdict).toBe('pass');
  });

  it('a miss while the fault is active fails under hold', () => {
    const { verdict, breaches } = judge({ bad: [4000] });
    expect(verdict).toBe('fail');
    expect(breaches).toEqual([
      expect.objectContaining({
        phase: 'faults',
        windowStartMs: 4000,
        reason: expect.stringContaining('hold'),
      }),
    ]);
  });

  it('under tolerate, fault windows are judged by the budget share, not one by one', () => {
    const tolerate = { 'during-faults': { tolerate: { budget: 0.5 } } } as const;
    const within = judge({
      bad: [4000],
      hypothesis: tolerate,
      extra: { faultBudgetShare: new Map([['availability', 0.4]]) },
    });
    expect(within.verdict).toBe('pass');
    const over = judge({
      bad: [4000],
      hypothesis: tolerate,
      extra: { faultBudgetShare: new Map([['availability', 0.6]]) },
    });
    expect(over.verdict).toBe('fail');
    expect(over.breaches[0]).toMatchObject({
      phase: 'faults',
      value: 0.6,
      windowStartMs: 4000,
      windowEndMs: 6000,
    });
  });

  it('misses after the revert until recovered are judged by recover-within', () => {
    // Bad 6–7 s, good from 7 s: recovered 1 s after the revert.
    expect(judge({ bad: [6000], hypothesis: { 'recover-within': 2000 } }).verdict).toBe('pass');
    const slow = judge({ bad: [6000, 7000, 8000], hypothesis: { 'recover-within': 2000 } });
    expect(slow.verdict).toBe('fail');
    expect(slow.breaches).toEqual([
      expect.objectContaining({
        phase: 'recovery',
        value: 3000,
        windowStartMs: 6000,
        windowEndMs: 9000,
        reason: 'fault f recovered 3s after its revert; recover-within allows 2s',
      }),
    ]);
  });

  it('without recover-within a fault must still recover before the run ends', () => {
    expect(judge({ bad: [6000, 7000, 8000, 9000] }).verdict).toBe('pass');
    const stuck = judge({ bad: [6000, 7000, 8000, 9000, 10_000, 11_000] });
    expect(stuck.breaches.map((b) => b.reason)).toContain(
      'fault f did not recover before the run ended (3 good windows in a row after its revert)',
    );
  });

  it('a miss after the fault had recovered is a relapse: fail', () => {
    const { verdict, breaches } = judge({ bad: [9000] });
    expect(verdict).toBe('fail');
    expect(breaches).toEqual([
      expect.objectContaining({
        phase: 'recovery',
        windowStartMs: 9000,
        reason: 'missed after f had recovered: a relapse',
      }),
    ]);
  });

  it('a fault with no impact has nothing to recover from: no recovery breach, however tight recover-within', () => {
    expect(judge({ hypothesis: { 'recover-within': 1 } })).toMatchObject({ verdict: 'pass', breaches: [] });
  });

  it('a miss in after fails', () => {
    const { verdict, breaches } = judge({ bad: [11_000] });
    expect(verdict).toBe('fail');
    expect(breaches[0]).toMatchObject({ phase: 'after', outcome: 'fail' });
  });

  it('error and aborted outrank every SLO outcome', () => {
    expect(judge({ bad: [1000], extra: { error: true } }).verdict).toBe('error');
    expect(judge({ bad: [4000], extra: { aborted: true } }).verdict).toBe('aborted');
  });

  it('no window after warm-up is never a pass', () => {
    expect(steadyVerdict([windowFixture(0, 'warmup', true)]).verdict).toBe('inconclusive');
  });
});

describe('decideVerdict: windows where the runner lagged', () => {
  it.each([
    ['before the first fault', 1000],
    ['while the fault is active', 4000],
    ['in a relapse', 9000],
    ['in after', 11_000],
  ])('a miss %s that rests only on a suspect window is inconclusive, with figures and advice', (_, start) => {
    const { verdict, breaches, notes } = judge({ bad: [start], suspect: [start] });
    expect(verdict).toBe('inconclusive');
    expect(breaches[0]).toMatchObject({ suspect: true, windowStartMs: start });
    expect(breaches[0]?.reason).toContain('event-loop delay p99 main 400 ms, send lag p99 350 ms');
    expect(notes[0]).toContain('fewer connections');
    expect(notes[0]).toContain('faultline proxy');
  });

  it('a slow recovery explained by suspect windows is inconclusive', () => {
    const cell = { bad: [6000, 7000, 8000], hypothesis: { 'recover-within': 1000 } };
    expect(judge({ ...cell, suspect: [7000, 8000] }).verdict).toBe('inconclusive');
    expect(judge({ ...cell, suspect: [8000] }).verdict).toBe('fail');
  });

  it('a budget overspent only because of suspect windows is inconclusive', () => {
    const tolerate = { 'during-faults': { tolerate: { budget: 0.5 } } } as const;
    const share = { faultBudgetShare: new Map([['availability', 0.8]]) };
    expect(judge({ bad: [4000, 5000], suspect: [5000], hypothesis: tolerate, extra: share }).verdict).toBe(
      'inconclusive',
    );
    expect(judge({ bad: [4000, 5000], suspect: [], hypothesis: tolerate, extra: share }).verdict).toBe(
      'fail',
    );
  });

  it('one firm miss decides: suspect breaches never hide it, and are counted in a note', () => {
    const result = judge({ bad: [4000, 11_000], suspect: [4000] });
    expect(result.verdict).toBe('fail');
    expect(result.notes[0]).toMatch(/^1 of 2 breaches fell in windows where the runner itself lagged/);
    expect(judge({ bad: [1000, 4000], suspect: [1000] }).verdict).toBe('fail');
    expect(judge({ bad: [1000, 4000], suspect: [4000] }).verdict).toBe('not-steady');
  });
});

describe('decideVerdict: windows the runner could not measure', () => {
  const stalled = {
    eventLoopDelayP99Ms: { 'load-1': 2500 },
    cpuPercent: 1,
    sendLagP99Ms: null,
    generatorShortfall: 0,
  };
  const run = (window: WindowSummary) =>
    steadyVerdict([windowFixture(0, 'baseline', true), window, windowFixture(2000, 'baseline', true)]);

  it('a met window in which the runner stalled and saw few of its requests makes a pass inconclusive, saying why', () => {
    const result = run({
      ...windowFixture(1000, 'baseline', true, { runner: stalled }),
      completed: 2,
      good: 2,
    });
    expect(result.verdict).toBe('inconclusive');
    expect(result.breaches).toEqual([]);
    expect(result.notes[0]).toMatch(
      /no objective was missed, but the runner itself stalled for half or more of 1 window .*2 of 100 intended requests answered/,
    );
  });

  it('a met window the runner measured in full despite its lag is a pass', () => {
    expect(run(windowFixture(1000, 'baseline', true, { runner: stalled })).verdict).toBe('pass');
  });

  it('a met window with few answers but a runner that kept up is a pass (the system answered what was sent)', () => {
    const quiet = { ...stalled, eventLoopDelayP99Ms: { 'load-1': 3 } };
    expect(run({ ...windowFixture(1000, 'baseline', true, { runner: quiet }), completed: 2 }).verdict).toBe(
      'pass',
    );
  });

  it('a stalled main thread alone does not make a window unmeasured (it sends and times nothing)', () => {
    const main = { ...stalled, eventLoopDelayP99Ms: { main: 2500 } };
    expect(run({ ...windowFixture(1000, 'baseline', true, { runner: main }), completed: 2 }).verdict).toBe(
      'pass',
    );
  });
});
