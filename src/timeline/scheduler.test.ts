import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.ts';
import type { Step } from './plan.ts';
import { runSchedule } from './scheduler.ts';

const steps: Step[] = [
  { atMs: 0, kind: 'phase', phase: 'baseline' },
  { atMs: 1000, kind: 'inject', fault: 'a' },
  { atMs: 3000, kind: 'revert', fault: 'a' },
  { atMs: 5000, kind: 'end' },
];

describe('runSchedule', () => {
  it('runs each step when its offset is reached, never early', async () => {
    const clock = new FakeClock(100);
    const seen: string[] = [];
    const done = runSchedule(steps, 100, clock, (step) => void seen.push(`${clock.now()} ${step.kind}`));
    await clock.advance(999);
    expect(seen).toEqual(['100 phase']);
    await clock.advance(1);
    expect(seen).toEqual(['100 phase', '1100 inject']);
    await clock.advance(10_000);
    await done;
    expect(seen).toEqual(['100 phase', '1100 inject', '3100 revert', '5100 end']);
  });

  it('reports lateness when a step overruns into the next', async () => {
    const clock = new FakeClock(0);
    const late: number[] = [];
    const done = runSchedule(steps.slice(0, 3), 0, clock, async (step, lateBy) => {
      late.push(lateBy);
      if (step.kind === 'inject') await clock.sleepUntil(clock.now() + 2500);
    });
    await clock.advance(10_000);
    await done;
    expect(late).toEqual([0, 0, 500]);
  });

  it('stops without running further steps when aborted', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    const seen: string[] = [];
    const done = runSchedule(steps, 0, clock, (step) => void seen.push(step.kind), {
      signal: controller.signal,
    });
    await clock.advance(1500);
    controller.abort(new Error('SIGINT'));
    await clock.advance(10_000);
    expect((await done).completed).toBe(2);
    expect(seen).toEqual(['phase', 'inject']);
  });
});
