import { describe, expect, it } from 'vitest';
import { WindowRecorder } from './window-recorder.ts';
import type { WindowSummary } from './window-summary.ts';

const objectives = [{ name: 'availability', success: { 'at-least': 0.99 } }] as const;

describe('WindowRecorder', () => {
  it('cuts samples into aligned windows and marks silent windows bad', () => {
    const closed: WindowSummary[] = [];
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives,
      openModel: true,
      classify: (start) => ({
        phase: start < 2000 ? 'baseline' : 'faults',
        activeFaults: start < 2000 ? [] : ['pause'],
      }),
      onWindow: (w) => closed.push(w),
    });
    for (let t = 0; t < 2000; t += 10) {
      recorder.intended(t, 1);
      recorder.response(t + 1, 2000, 200);
    }
    for (let t = 2000; t < 3000; t += 10) recorder.intended(t, 1); // paused: nothing answers
    recorder.timeout(3500);
    recorder.finish(4000);
    expect(closed.map((w) => [w.startMs, w.phase, w.completed, w.met])).toEqual([
      [0, 'baseline', 100, true],
      [1000, 'baseline', 100, true],
      [2000, 'faults', 0, false],
      [3000, 'faults', 0, false],
    ]);
    expect(recorder.phaseTally('baseline')?.completed).toBe(200);
    expect(recorder.runTally.valid).toBe(201);
  });

  it('scores the last window over its real length, however short', () => {
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives,
      openModel: false,
      timeoutMs: 1000,
      classify: () => ({ phase: 'after', activeFaults: [] }),
    });
    recorder.response(100, 1000, 200);
    recorder.response(2100, 1000, 503);
    recorder.finish(2300);
    expect(recorder.windows.map((w) => [w.startMs, w.endMs, w.met])).toEqual([
      [0, 1000, true],
      [1000, 2000, false], // closed model, nothing answered: silent
      [2000, 2300, false], // the 503 in the last 300 ms is scored
    ]);
  });

  it('a short last window whose requests were still in flight is not silent; one that outlasted the timeout is', () => {
    const last = (endMs: number) => {
      const recorder = new WindowRecorder({
        windowMs: 1000,
        objectives,
        openModel: true,
        timeoutMs: 200,
        classify: () => ({ phase: 'after', activeFaults: [] }),
      });
      recorder.intended(1050, 1);
      recorder.finish(endMs);
      return recorder.windows.at(-1);
    };
    expect(last(1100)).toMatchObject({ startMs: 1000, endMs: 1100, met: true });
    expect(last(1300)).toMatchObject({ startMs: 1000, endMs: 1300, met: false });
  });

  it('asks the runner health for each window and marks a miss its lag explains suspect', () => {
    const asked: [number, number][] = [];
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives: [{ name: 'p99', latency: { percentile: 99, below: 200 } }],
      openModel: true,
      timeoutMs: 1000,
      classify: () => ({ phase: 'baseline', activeFaults: [] }),
      health: (start, end) => {
        asked.push([start, end]);
        return start === 0
          ? null
          : { eventLoopDelayP99Ms: { main: 120 }, cpuPercent: 90, sendLagP99Ms: 110, generatorShortfall: 0 };
      },
    });
    for (const t of [0, 1000]) {
      recorder.intended(t + 10, 1);
      recorder.response(t + 300, 290_000, 200); // 290 ms against p99 < 200 ms
    }
    recorder.finish(2000);
    expect(asked).toEqual([
      [0, 1000],
      [1000, 2000],
    ]);
    expect(recorder.windows.map((w) => [w.met, w.suspect, w.runner?.sendLagP99Ms ?? null])).toEqual([
      [false, false, null],
      [false, true, 110],
    ]);
  });
});
