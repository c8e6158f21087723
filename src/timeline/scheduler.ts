import type { Clock } from './clock.ts';
import type { Step } from './plan.ts';

/** What the scheduler calls for each step; a step's work may be async. */
export type StepHandler = (step: Step, lateByMs: number) => Promise<void> | void;

/**
 * Runs steps at their offsets from `startMs` on the given clock, one after another. A step whose
 * time has passed (because an earlier step took long) runs at once, and its lateness is reported
 * to the handler. Stops early, without running further steps, when `signal` aborts or the handler
 * returns `'stop'` through `shouldStop()`.
 */
export async function runSchedule(
  steps: readonly Step[],
  startMs: number,
  clock: Clock,
  handle: StepHandler,
  options: { signal?: AbortSignal; shouldStop?: () => boolean } = {},
): Promise<{ completed: number }> {
  let completed = 0;
  for (const step of steps) {
    if (options.signal?.aborted || options.shouldStop?.()) break;
    const due = startMs + step.atMs;
    if (clock.now() < due) {
      try {
        await clock.sleepUntil(due, options.signal);
      } catch {
        break;
      }
    }
    await handle(step, Math.max(0, clock.now() - due));
    completed++;
  }
  return { completed };
}
