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

  it('holds a window open until every source is past it, so a late sample lands in its own window', () => {
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives,
      openModel: true,
      classify: () => ({ phase: 'baseline', activeFaults: [] }),
    });
    const a = recorder.addSource();
    const b = recorder.addSource();
    a.intended(100, 1);
    a.response(1500, 1000, 200);
    a.advance(1600);
    recorder.closeUntil(2000);
    expect(recorder.windows).toHaveLength(0); // b is still at 0
    b.intended(900, 1); // late, but before b's watermark promise: window 0
    b.response(950, 1000, 503);
    b.advance(2100);
    recorder.closeUntil(2200);
    expect(recorder.windows.map((w) => [w.intended, w.completed, w.httpErrors])).toEqual([[2, 1, 1]]);
    a.end();
    b.end();
    recorder.closeUntil(2200);
    expect(recorder.windows.map((w) => [w.intended, w.completed])).toEqual([
      [2, 1],
      [0, 1],
    ]);
  });

  it('counts bad events by cause with the first message, most frequent first, and asks for health', () => {
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives,
      openModel: true,
      classify: () => ({ phase: 'baseline', activeFaults: [] }),
      health: (start, end) => ({
        eventLoopDelayP99Ms: { main: end - start },
        cpuPercent: null,
        sendLagP99Ms: null,
        generatorShortfall: 0,
      }),
    });
    recorder.intended(0, 10);
    recorder.response(10, 1000, 503);
    recorder.response(11, 1000, 503);
    recorder.error(12, 'ECONNRESET: read ECONNRESET');
    recorder.error(13, 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');
    recorder.error(14, 'ECONNREFUSED: second');
    recorder.error(15, 'ECONNREFUSED: third');
    recorder.error(16, 'connection closed mid-request');
    recorder.timeout(17);
    recorder.shortfall(18, 2, 'generator');
    recorder.response(19, 1000, 200);
    recorder.finish(1000);
    expect(recorder.windows[0]?.causes).toEqual([
      { cause: 'refused', count: 3, firstMessage: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' },
      { cause: 'http 503', count: 2, firstMessage: 'HTTP 503' },
      {
        cause: 'shortfall: generator',
        count: 2,
        firstMessage: expect.stringContaining('no free connection'),
      },
      { cause: 'closed mid-request', count: 1, firstMessage: 'connection closed mid-request' },
      { cause: 'reset', count: 1, firstMessage: 'ECONNRESET: read ECONNRESET' },
      { cause: 'timeout', count: 1, firstMessage: 'no answer within the timeout' },
    ]);
    expect(recorder.windows[0]?.runner?.eventLoopDelayP99Ms).toEqual({ main: 1000 });
  });
});
