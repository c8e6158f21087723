import { describe, expect, it } from 'vitest';
import { experimentFixture } from '../experiment/experiment-fixture.ts';
import { planExperiment } from '../timeline/plan.ts';
import { windowClassifier } from './classify-window.ts';
import { scoreRun } from './score-run.ts';
import { WindowRecorder } from './window-recorder.ts';
import type { RunnerHealth } from './window-summary.ts';

// A fault-less 4 s run, 1 s windows, p99 < 200 ms; every answer takes 20 ms except in 2–3 s,
// where they are measured at 260 ms. With the runner's health saying it lagged 100 ms then, the
// miss is the runner's: inconclusive. Without a health reading it is the system's: not-steady.
const experiment = experimentFixture({
  duration: 4000,
  baseline: 2000,
  after: 0,
  objectives: [{ name: 'p99', latency: { percentile: 99, below: '200ms' } }],
});

function score(health?: (start: number, end: number) => RunnerHealth | null) {
  const plan = planExperiment(experiment);
  const recorder = new WindowRecorder({
    windowMs: plan.windowMs,
    objectives: experiment.slos.objectives,
    openModel: true,
    timeoutMs: 1000,
    classify: windowClassifier(plan, () => []),
    ...(health ? { health } : {}),
  });
  for (let t = 0; t < 4000; t += 10) {
    recorder.intended(t, 1);
    recorder.response(t + 5, t >= 2000 && t < 3000 ? 260_000 : 20_000, 200);
  }
  recorder.finish(4000);
  return scoreRun({
    experiment,
    phases: plan.phases,
    windows: recorder.windows,
    phaseTally: (phase) => recorder.phaseTally(phase),
    runTally: recorder.runTally,
    intervals: [],
    aborted: false,
    error: false,
    baselineFailed: false,
  });
}

const lagging = (start: number): RunnerHealth => ({
  eventLoopDelayP99Ms: { main: start === 2000 ? 100 : 1 },
  cpuPercent: 99,
  sendLagP99Ms: start === 2000 ? 95 : 1,
  generatorShortfall: 0,
});

describe('scoreRun from recorded windows', () => {
  it('a miss the runner lag explains makes the run inconclusive, with the figures and what to do', () => {
    const { verdict, breaches, notes } = score(lagging);
    expect(verdict).toBe('inconclusive');
    expect(breaches).toEqual([
      expect.objectContaining({ rule: 'pre-fault', objective: 'p99', windowStartMs: 2000, suspect: true }),
    ]);
    expect(notes[0]).toContain('event-loop delay p99 main 100 ms, send lag p99 95 ms');
    expect(notes[0]).toContain('on a bigger machine');
  });

  it('the same miss without a health reading is the system’s: not-steady', () => {
    const { verdict, breaches } = score();
    expect(verdict).toBe('not-steady');
    expect(breaches[0]).toMatchObject({ windowStartMs: 2000, suspect: false, value: expect.any(Number) });
  });

  it('a lag too small to explain the miss leaves it firm', () => {
    const small = (start: number): RunnerHealth => ({
      ...lagging(start),
      eventLoopDelayP99Ms: { main: 30 },
      sendLagP99Ms: 30,
    });
    expect(score(small).verdict).toBe('not-steady');
  });
});
