/** The phases of a run, in order (DESIGN.md §1). */
export type PhaseName = 'warmup' | 'baseline' | 'faults' | 'recovery' | 'after';

/** One phase of the planned timeline, [startMs, endMs) in ms since load start. */
export interface PhaseSpan {
  readonly phase: PhaseName;
  readonly startMs: number;
  readonly endMs: number;
}

/** What the phase boundaries depend on: the hypothesis' durations (ms) and the load's duration. */
export interface PhaseTiming {
  readonly warmup: number;
  readonly baseline: number;
  readonly after: number;
  readonly durationMs: number;
}

/** The fixed boundaries of a run, in ms since load start; the single source of them. */
export interface PhaseBounds {
  readonly durationMs: number;
  /** End of warm-up: every window from here on is judged. */
  readonly warmupEndMs: number;
  /** End of the declared baseline (warm-up + baseline): the earliest a fault may be injected. */
  readonly faultStartMs: number;
  /** Start of the steady state after (duration − after): every fault must have ended by then. */
  readonly afterStartMs: number;
}

/** A fault's planned interval, as far as phases care; `revertAtMs` undefined = stays to the end. */
export interface PlannedInterval {
  readonly injectAtMs: number;
  readonly revertAtMs: number | undefined;
}

/** The boundaries of a run from its timing. Pure; never throws (validation checks they fit). */
export function phaseBounds(timing: PhaseTiming): PhaseBounds {
  const warmupEndMs = timing.warmup;
  const faultStartMs = timing.warmup + timing.baseline;
  return {
    durationMs: timing.durationMs,
    warmupEndMs,
    faultStartMs,
    afterStartMs: timing.durationMs - timing.after,
  };
}

/**
 * The planned phases, empty ones left out. Baseline runs until the first inject (a run with no
 * faults is one long steady-state check); `faults` from the first inject to the last planned
 * revert (to the start of `after` when a fault stays); `recovery` from there to `after`.
 */
export function phaseSpans(bounds: PhaseBounds, faults: readonly PlannedInterval[]): PhaseSpan[] {
  const { warmupEndMs, afterStartMs, durationMs } = bounds;
  const firstInject = faults.length === 0 ? afterStartMs : Math.min(...faults.map((f) => f.injectAtMs));
  const lastEnd = faults.some((f) => f.revertAtMs === undefined)
    ? afterStartMs
    : Math.max(firstInject, ...faults.map((f) => f.revertAtMs ?? afterStartMs));
  const faultsEnd = Math.min(lastEnd, afterStartMs);
  const spans: PhaseSpan[] = [
    { phase: 'warmup', startMs: 0, endMs: warmupEndMs },
    { phase: 'baseline', startMs: warmupEndMs, endMs: Math.min(firstInject, afterStartMs) },
    { phase: 'faults', startMs: Math.min(firstInject, afterStartMs), endMs: faultsEnd },
    { phase: 'recovery', startMs: faultsEnd, endMs: afterStartMs },
    { phase: 'after', startMs: afterStartMs, endMs: durationMs },
  ];
  return spans.filter((p) => p.endMs > p.startMs);
}

/** When the baseline is checked before faults go in: at the first planned inject, else its end. */
export function baselineCheckAtMs(bounds: PhaseBounds, faults: readonly PlannedInterval[]): number {
  return faults.length === 0 ? bounds.faultStartMs : Math.min(...faults.map((f) => f.injectAtMs));
}
