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

  it('drops a trailing stub shorter than half a window', () => {
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives,
      openModel: false,
      classify: () => ({ phase: 'baseline', activeFaults: [] }),
    });
    recorder.response(100, 1000, 200);
    recorder.finish(2300);
    expect(recorder.windows.map((w) => w.endMs)).toEqual([1000, 2000]);
  });
});
