import { describe, expect, it } from 'vitest';
import type { ObjectiveResult, RunnerHealth, WindowSummary } from '../slo/window-summary.ts';
import type { LevelObservation } from './capacity-level.ts';
import { judgeLevel, runnerLagLimitMs } from './judge-level.ts';

const window = (i: number, over: Partial<WindowSummary> = {}): WindowSummary => ({
  index: i,
  startMs: i * 1000,
  endMs: (i + 1) * 1000,
  phase: 'baseline',
  activeFaults: [],
  intended: 200,
  completed: 190,
  good: 180,
  httpErrors: 10,
  timeouts: 6,
  connectionErrors: 4,
  shortfall: 0,
  valid: 200,
  latency: { p50: 20, p90: 30, p95: 40, p99: 60, p999: 80, max: 90 },
  objectives: [],
  met: true,
  causes: [],
  runner: null,
  suspect: false,
  saturation: [],
  ...over,
});
const met: ObjectiveResult = { objective: 'p99', kind: 'latency', met: true, value: 60, bad: 1 };
const missed: ObjectiveResult = {
  objective: 'availability',
  kind: 'success',
  met: false,
  value: 0.9,
  bad: 60,
};
const health = (over: Partial<RunnerHealth>): RunnerHealth => ({
  eventLoopDelayP99Ms: {},
  cpuPercent: null,
  sendLagP99Ms: null,
  generatorShortfall: 0,
  ...over,
});
const observe = (over: Partial<LevelObservation> = {}): LevelObservation => ({
  rate: 200,
  purpose: 'step',
  objectives: [met],
  latency: { p50: 21, p90: 30, p95: 40, p99: 61, p999: 80, max: 90 },
  windows: [window(1), window(2), window(3)],
  runnerLagMs: 12,
  error: undefined,
  ...over,
});

describe('judgeLevel', () => {
  it('holds when every objective held over the hold, with the curves per second', () => {
    expect(judgeLevel(observe(), 50)).toMatchObject({
      outcome: 'holds',
      brokenBy: null,
      offeredRate: 200,
      answeredRate: 190,
      goodRate: 180,
      p50Ms: 21,
      p99Ms: 61,
      errorShare: 0.05,
      timeoutShare: 0.03,
      refusalShare: 0.02,
    });
  });

  it('fails naming the first objective missed, or the trial that could not run', () => {
    expect(judgeLevel(observe({ objectives: [met, missed] }), 50)).toMatchObject({
      outcome: 'fails',
      brokenBy: 'availability',
    });
    expect(judgeLevel(observe({ error: 'load generator exploded' }), 50).brokenBy).toMatch(/exploded/);
  });

  it.each([
    ['a suspect window', { windows: [window(1, { suspect: true })] }, /lagged in 1 window/],
    [
      'generator shortfall',
      { windows: [window(1, { runner: health({ generatorShortfall: 5 }) })] },
      /could not send 5 of 200/,
    ],
    ['send lag', { windows: [window(1, { runner: health({ sendLagP99Ms: 75 }) })] }, /send lag p99 75 ms/],
    [
      'a load thread stall',
      { windows: [window(1, { runner: health({ eventLoopDelayP99Ms: { load: 90 } }) })] },
      /event-loop delay p99 90 ms/,
    ],
    ['the main thread stall', { runnerLagMs: 120 }, /event-loop delay p99 120 ms/],
  ])('is invalid, never failed, when the runner was the bottleneck: %s', (_what, over, reason) => {
    const level = judgeLevel(observe({ ...over, objectives: [missed] }), 50);
    expect(level.outcome).toBe('invalid');
    expect(level.brokenBy).toBeNull();
    expect(level.invalidReason).toMatch(reason);
  });

  it('takes the runner lag limit from the tightest latency objective, 50 ms at least', () => {
    const p99 = (below: number) => ({ name: 'p', latency: { percentile: 99, below } });
    expect(runnerLagLimitMs([p99(400), p99(300)])).toBe(150);
    expect(runnerLagLimitMs([p99(60)])).toBe(50);
    expect(runnerLagLimitMs([{ name: 'ok', success: { 'at-least': 0.99 } }])).toBe(50);
  });
});
