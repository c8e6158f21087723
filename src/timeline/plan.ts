import { plannedLength } from '../experiment/fault-compatibility.ts';
import type { Experiment, PlannedFault } from '../experiment/model.ts';

import {
  baselineCheckAtMs,
  phaseBounds,
  phaseSpans,
  type PhaseBounds,
  type PhaseName,
  type PhaseSpan,
} from './phase-bounds.ts';

export type { PhaseBounds, PhaseName, PhaseSpan } from './phase-bounds.ts';

/** One scheduled action. Offsets are milliseconds from the moment load starts. */
export type Step =
  | { readonly atMs: number; readonly kind: 'phase'; readonly phase: PhaseName }
  | { readonly atMs: number; readonly kind: 'baseline-check' }
  | { readonly atMs: number; readonly kind: 'inject'; readonly fault: string }
  | { readonly atMs: number; readonly kind: 'revert'; readonly fault: string }
  | { readonly atMs: number; readonly kind: 'end' };

/** A fault's planned interval; `revertAtMs` is undefined when it stays until the run ends. */
export interface FaultSlot {
  readonly fault: PlannedFault;
  readonly injectAtMs: number;
  readonly revertAtMs: number | undefined;
}

/** The whole timeline, computed up front so `plan` can print it and the scheduler can run it. */
export interface Plan {
  readonly durationMs: number;
  readonly windowMs: number;
  /** The fixed phase boundaries everything else derives from. */
  readonly bounds: PhaseBounds;
  readonly phases: readonly PhaseSpan[];
  readonly faults: readonly FaultSlot[];
  readonly steps: readonly Step[];
}

const KIND_ORDER: Record<Step['kind'], number> = {
  revert: 0,
  phase: 1,
  'baseline-check': 2,
  inject: 3,
  end: 4,
};

/**
 * Turns an experiment into its timeline. Pure. Steps are sorted by offset; at equal offsets
 * reverts come first (so back-to-back faults never overlap), then phase marks, then injects.
 */
export function planExperiment(experiment: Experiment): Plan {
  const durationMs = experiment.load.duration;
  const bounds = phaseBounds({ ...experiment.hypothesis, durationMs });
  const faults = experiment.faults.map((fault): FaultSlot => {
    const length = plannedLength(fault);
    return { fault, injectAtMs: fault.at, revertAtMs: length === undefined ? undefined : fault.at + length };
  });
  const phases = phaseSpans(bounds, faults);
  const steps: Step[] = [
    ...phases.map((p): Step => ({ atMs: p.startMs, kind: 'phase', phase: p.phase })),
    { atMs: baselineCheckAtMs(bounds, faults), kind: 'baseline-check' },
    ...faults.flatMap((slot): Step[] => [
      { atMs: slot.injectAtMs, kind: 'inject', fault: slot.fault.name },
      ...(slot.revertAtMs === undefined
        ? []
        : [{ atMs: slot.revertAtMs, kind: 'revert', fault: slot.fault.name } as const]),
    ]),
    { atMs: durationMs, kind: 'end' },
  ];
  steps.sort((a, b) => a.atMs - b.atMs || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return { durationMs, windowMs: experiment.slos.window, bounds, phases, faults, steps };
}
