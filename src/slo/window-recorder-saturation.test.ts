import { describe, expect, it } from 'vitest';
import { objectiveSchema } from '../experiment/schema-slos.ts';
import { WindowRecorder } from './window-recorder.ts';
import type { TargetSaturation } from './window-summary.ts';

const objectives = [
  objectiveSchema.parse({ name: 'availability', success: { 'at-least': '99%' } }),
  objectiveSchema.parse({ name: 'api-cpu', saturation: { target: 'api', cpu: { below: '80%' } } }),
];

describe('WindowRecorder with saturation', () => {
  it('asks for each window’s saturation, records it and judges the saturation objective on it', () => {
    const asked: [number, number][] = [];
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives,
      openModel: false,
      classify: () => ({ phase: 'baseline', activeFaults: [] }),
      saturation: (startMs, endMs): TargetSaturation[] => {
        asked.push([startMs, endMs]);
        const cpuShare = startMs === 1000 ? 0.9 : startMs === 2000 ? null : 0.2;
        return [{ target: 'api', member: 'api-1', cpuShare, memoryBytes: 1, memoryShare: null }];
      },
    });
    for (let t = 0; t < 3000; t += 10) recorder.response(t, 1000, 200);
    recorder.finish(3000);
    expect(asked).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 3000],
    ]);
    const windows = recorder.windows;
    expect(windows.map((w) => w.saturation[0]?.cpuShare)).toEqual([0.2, 0.9, null]);
    expect(windows.map((w) => w.met)).toEqual([true, false, false]);
    expect(windows[1]?.objectives[1]).toMatchObject({ kind: 'saturation', met: false, value: 0.9 });
    expect(windows[2]?.objectives[1]?.detail).toBe('no CPU reading for api (api-1) in this window');
    expect(windows.every((w) => w.objectives[0]?.met)).toBe(true);
  });

  it('misses a saturation objective in every window when nothing reports saturation', () => {
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives,
      openModel: false,
      classify: () => ({ phase: 'baseline', activeFaults: [] }),
    });
    recorder.response(10, 1000, 200);
    recorder.finish(1000);
    expect(recorder.windows[0]?.objectives[1]).toMatchObject({ met: false, value: null });
    expect(recorder.windows[0]?.saturation).toEqual([]);
  });
});
