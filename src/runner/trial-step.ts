import { errorText } from '../errors/error-text.ts';
import type { WindowRecorder } from '../slo/window-recorder.ts';
import type { Step } from '../timeline/plan.ts';
import type { Session } from './session.ts';
import type { Trial } from './trial.ts';

/** Carries out one step of a trial's timeline: phase marks, the baseline check, injects, reverts. */
export async function runTrialStep(step: Step, trial: Trial, session: Session): Promise<void> {
  const { deps, hooks, recorder, book, state, ctx } = trial;
  if (step.kind === 'phase') {
    deps.sink.event({ kind: 'phase', phase: step.phase, atMs: ctx.now() });
    deps.sink.log(`phase ${step.phase}`);
  } else if (step.kind === 'baseline-check') {
    await closedBy(recorder, trial.spec.plan.windowMs, ctx.now);
    const bad = recorder.windows.filter((w) => w.phase === 'baseline' && !w.met);
    if (bad.length > 0) {
      state.baselineFailed = true;
      hooks.note(
        `baseline: ${bad.length} window(s) missed an objective; the system is not steady, so no fault is injected`,
      );
    }
  } else if (step.kind === 'inject') {
    const slot = trial.spec.plan.faults.find((f) => f.fault.name === step.fault);
    const target = slot && session.targets.get(slot.fault.target);
    if (!slot || !target) return;
    deps.sink.log(`inject ${step.fault} (${slot.fault.type} on ${slot.fault.target})`);
    if (!(await book.inject(step.fault, deps.registry.forKind(target.kind), target))) {
      state.injectFailed = true;
      hooks.note(
        `fault ${step.fault} could not be injected: ${book.records.find((r) => r.name === step.fault)?.error}; stopping and reverting`,
      );
    }
  } else if (step.kind === 'revert') {
    deps.sink.log(`revert ${step.fault}`);
    await book
      .revert(step.fault)
      .catch((e: unknown) => hooks.note(`revert of ${step.fault} failed: ${errorText(e)}`));
  }
}

/** Waits (at most 1 s) until every window ending by now is closed: load workers report a little late. */
async function closedBy(recorder: WindowRecorder, windowMs: number, now: () => number): Promise<void> {
  const due = Math.floor(now() / windowMs) * windowMs;
  recorder.closeUntil(now());
  for (let i = 0; i < 200 && recorder.closedThroughMs < due; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    recorder.closeUntil(now());
  }
}
