import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../experiment/model.ts';
import { describeRunnerHealth, isSuspectWindow, runnerLagMs, type SuspectInput } from './suspect-window.ts';
import type { ObjectiveResult, RunnerHealth } from './window-summary.ts';

const p99: ObjectiveSpec = { name: 'p99', latency: { percentile: 99, below: 200 } };
const availability: ObjectiveSpec = { name: 'availability', success: { 'at-least': 0.99 } };
const rate: ObjectiveSpec = { name: 'rate', throughput: { 'at-least': 90 } };

const health = (lagMs: number, generatorShortfall = 0): RunnerHealth => ({
  eventLoopDelayP99Ms: { main: 1, load: lagMs },
  cpuPercent: 95,
  sendLagP99Ms: 2,
  generatorShortfall,
});

function window(
  results: ObjectiveResult[],
  runner: RunnerHealth | null,
  extra: Partial<SuspectInput> = {},
): SuspectInput {
  return {
    startMs: 0,
    endMs: 1000,
    intended: 100,
    completed: 100,
    good: 95,
    timeouts: 0,
    objectives: results,
    runner,
    ...extra,
  };
}
const slow = (value: number | null): ObjectiveResult => ({
  objective: 'p99',
  kind: 'latency',
  met: false,
  value,
  bad: 3,
});

describe('isSuspectWindow', () => {
  it('never blames a latency miss on the main thread, which neither sends nor times a request', () => {
    const mainStalled: RunnerHealth = { ...health(1), eventLoopDelayP99Ms: { main: 500, 'load-1': 1 } };
    expect(runnerLagMs(mainStalled)).toBe(2);
    expect(isSuspectWindow(window([slow(260)], mainStalled), [p99], 1000)).toBe(false);
    const proxyStalled: RunnerHealth = { ...mainStalled, eventLoopDelayP99Ms: { main: 1, proxy: 90 } };
    expect(isSuspectWindow(window([slow(260)], proxyStalled), [p99], 1000)).toBe(true);
  });

  it('a latency miss is suspect when the value less the runner lag meets the threshold', () => {
    expect(isSuspectWindow(window([slow(260)], health(80)), [p99], 1000)).toBe(true);
    expect(isSuspectWindow(window([slow(260)], health(50)), [p99], 1000)).toBe(false);
    // An unanswered request counts as the timeout.
    expect(isSuspectWindow(window([slow(null)], health(900)), [p99], 1000)).toBe(true);
    expect(isSuspectWindow(window([slow(null)], health(100)), [p99], 1000)).toBe(false);
  });

  it('never suspect without a health reading, or when nothing was missed', () => {
    expect(isSuspectWindow(window([slow(260)], null), [p99], 1000)).toBe(false);
    expect(isSuspectWindow(window([{ ...slow(150), met: true }], health(500)), [p99], 1000)).toBe(false);
  });

  it('an availability miss is suspect only when the generator shortfall (or lag-made timeouts) explains the bad events', () => {
    const miss: ObjectiveResult = {
      objective: 'availability',
      kind: 'success',
      met: false,
      value: 0.95,
      bad: 5,
    };
    expect(isSuspectWindow(window([miss], health(1, 5)), [availability], 1000)).toBe(true);
    expect(isSuspectWindow(window([miss], health(1, 3)), [availability], 1000)).toBe(false);
    // 503s are the system's: huge lag does not explain them.
    expect(isSuspectWindow(window([miss], health(900)), [availability], 1000)).toBe(false);
    expect(isSuspectWindow(window([miss], health(600), { timeouts: 5 }), [availability], 1000)).toBe(true);
  });

  it('a throughput miss is suspect when the generator shortfall makes up the gap', () => {
    const low: ObjectiveResult = { objective: 'rate', kind: 'throughput', met: false, value: 80 };
    expect(isSuspectWindow(window([low], health(1, 10), { good: 80 }), [rate], 1000)).toBe(true);
    expect(isSuspectWindow(window([low], health(1, 5), { good: 80 }), [rate], 1000)).toBe(false);
    expect(isSuspectWindow(window([low], health(150), { good: 80 }), [rate], 1000)).toBe(true);
  });

  it('a silent window is suspect only when the runner stalled for half of it', () => {
    const silent = { completed: 0, good: 0 };
    expect(isSuspectWindow(window([slow(null)], health(600), silent), [p99], 1000)).toBe(true);
    expect(isSuspectWindow(window([slow(null)], health(300), silent), [p99], 1000)).toBe(false);
  });

  it('every missed objective must be explained', () => {
    const miss: ObjectiveResult = {
      objective: 'availability',
      kind: 'success',
      met: false,
      value: 0.5,
      bad: 50,
    };
    expect(isSuspectWindow(window([slow(260), miss], health(80)), [p99, availability], 1000)).toBe(false);
  });
});

describe('runner figures', () => {
  it('lag is the worst thread delay or send lag; figures name each', () => {
    expect(runnerLagMs(health(42))).toBe(42);
    expect(describeRunnerHealth(health(42, 3))).toBe(
      'event-loop delay p99 main 1 ms, load 42 ms, send lag p99 2 ms, generator shortfall 3, runner CPU 95%',
    );
  });
});
