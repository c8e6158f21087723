import type { Experiment, PlannedFault } from '../experiment/model.ts';
import type { TrialSpec } from '../runner/trial.ts';
import { loadPlanFor } from '../runner/load-plan.ts';
import type { FaultInterval } from '../slo/classify-window.ts';
import type { WindowClassifier } from '../slo/window-recorder.ts';
import { phaseBounds, phaseSpans } from '../timeline/phase-bounds.ts';
import type { Plan, Step } from '../timeline/plan.ts';

/** The timing of every level, in ms. */
export interface LevelTiming {
  readonly warmupMs: number;
  readonly holdMs: number;
}

/**
 * The trial of one capacity level, pure: the experiment's load at `rate` req/s (open model, no
 * stages) for warm-up + hold, windows of the warm-up discarded and the hold scored as the
 * `baseline` phase by the experiment's objectives. With `under`, that fault is injected when
 * load starts and held until the level ends (then reverted); its own `for` is ignored.
 */
export function levelSpec(
  experiment: Experiment,
  rate: number,
  timing: LevelTiming,
  under: PlannedFault | undefined,
): TrialSpec {
  const durationMs = timing.warmupMs + timing.holdMs;
  const { connections: _closed, ...load } = experiment.load;
  const levelLoad = { ...load, rate, stages: [], duration: durationMs };
  // The hold is scored as one long baseline: phases as for a run with no faults and no `after`.
  const bounds = phaseBounds({ warmup: timing.warmupMs, baseline: timing.holdMs, after: 0, durationMs });
  const phases = phaseSpans(bounds, []);
  const faults = under ? [{ fault: { ...under, at: 0 }, injectAtMs: 0, revertAtMs: undefined }] : [];
  const steps: Step[] = [
    ...(under ? [{ atMs: 0, kind: 'inject', fault: under.name } as const] : []),
    ...phases.map((p): Step => ({ atMs: p.startMs, kind: 'phase', phase: p.phase })),
    { atMs: durationMs, kind: 'end' },
  ];
  const plan: Plan = { durationMs, windowMs: experiment.slos.window, bounds, phases, faults, steps };
  return {
    experiment: { ...experiment, load: levelLoad, faults: faults.map((f) => f.fault) },
    plan,
    loadPlan: loadPlanFor(levelLoad),
    classify: levelClassifier,
  };
}

/** Windows by time alone (warm-up, then hold as `baseline`), naming the faults active in each. */
function levelClassifier(plan: Plan, intervals: () => readonly FaultInterval[]): WindowClassifier {
  const warmupEnd = plan.bounds.warmupEndMs;
  return (startMs, endMs) => ({
    phase: endMs <= warmupEnd ? 'warmup' : 'baseline',
    activeFaults: intervals()
      .filter((f) => f.injectedAtMs < endMs && (f.revertedAtMs === undefined || f.revertedAtMs > startMs))
      .map((f) => f.name),
  });
}
