import type { Experiment } from '../experiment/model.ts';
import { ArrivalSchedule } from '../load/arrival-schedule.ts';
import type { LoadPlan } from '../load/load-driver.ts';
import type { WindowRecorder } from '../slo/window-recorder.ts';
import type { Plan } from '../timeline/plan.ts';
import { budgetExhausted } from './guardrail.ts';

/**
 * How many events the scored part of the run (after warm-up) is expected to have: from the
 * schedule in the open model, extrapolated from what was seen so far in the closed model.
 */
export function expectedEvents(load: LoadPlan, recorder: WindowRecorder, plan: Plan): number {
  const warmupEnd = plan.bounds.warmupEndMs;
  if (load.model.kind === 'open') {
    const schedule = new ArrivalSchedule(load.model.rate, load.model.stages);
    return schedule.countAt(plan.durationMs) - schedule.countAt(warmupEnd);
  }
  const scored = recorder.windows.filter((w) => w.phase !== 'warmup');
  const seenMs = scored.reduce((sum, w) => sum + (w.endMs - w.startMs), 0);
  return seenMs === 0 ? 0 : (recorder.runTally.valid * (plan.durationMs - warmupEnd)) / seenMs;
}

/** The guardrail's reason to abort, or undefined while the run's error budget lasts. */
export function guardrailCheck(
  experiment: Experiment,
  recorder: WindowRecorder,
  expected: number,
): string | undefined {
  return budgetExhausted(experiment.slos.objectives, recorder.runTally, expected);
}
