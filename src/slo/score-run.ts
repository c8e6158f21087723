import type { Experiment } from '../experiment/model.ts';
import type { PhaseName, PhaseSpan } from '../timeline/plan.ts';
import { budgetUse, shareOfRunBudget, type BudgetUse } from './budget.ts';
import type { FaultInterval } from './classify-window.ts';
import { faultTimings, type FaultTimings } from './fault-timings.ts';
import { saturationOverWindows } from './saturation-results.ts';
import type { Tally } from './tally.ts';
import { decideVerdict, type Breach, type Verdict } from './verdict.ts';
import type { LatencyPercentiles, ObjectiveResult, WindowSummary } from './window-summary.ts';

/** What scoring needs from the run. */
export interface ScoreInput {
  readonly experiment: Experiment;
  readonly phases: readonly PhaseSpan[];
  readonly windows: readonly WindowSummary[];
  readonly phaseTally: (phase: PhaseName) => Tally | undefined;
  readonly runTally: Tally;
  readonly intervals: readonly FaultInterval[];
  readonly aborted: boolean;
  readonly error: boolean;
  readonly baselineFailed: boolean;
}

export interface PhaseScore {
  readonly phase: PhaseName;
  readonly startMs: number;
  readonly endMs: number;
  readonly windows: number;
  readonly badWindows: number;
  readonly latency: LatencyPercentiles;
  readonly objectives: readonly ObjectiveResult[];
  readonly budgets: readonly BudgetUse[];
}

export interface RunScore {
  readonly phases: PhaseScore[];
  readonly run: { objectives: ObjectiveResult[]; budgets: BudgetUse[] };
  readonly timings: FaultTimings[];
  readonly verdict: Verdict;
  readonly breaches: Breach[];
  /** What the reader should know about the verdict (runner lag figures, what to do). */
  readonly notes: string[];
}

/** Scores a finished (or stopped) run: per phase, for the whole run, per fault, and the verdict. */
export function scoreRun(input: ScoreInput): RunScore {
  const objectives = input.experiment.slos.objectives;
  const phases = input.phases.flatMap((span): PhaseScore[] => {
    const tally = input.phaseTally(span.phase);
    const windows = input.windows.filter((w) => w.phase === span.phase);
    if (!tally || windows.length === 0) return [];
    const seconds = windows.reduce((s, w) => s + (w.endMs - w.startMs), 0) / 1000;
    return [
      {
        phase: span.phase,
        startMs: span.startMs,
        endMs: span.endMs,
        windows: windows.length,
        badWindows: windows.filter((w) => !w.met).length,
        latency: tally.latency(),
        objectives: saturationOverWindows(tally.evaluate(seconds, false), windows),
        budgets: budgetUse(objectives, tally, seconds),
      },
    ];
  });
  const scored = input.windows.filter((w) => w.phase !== 'warmup');
  const runSeconds = scored.reduce((s, w) => s + (w.endMs - w.startMs), 0) / 1000;
  const run = {
    objectives: saturationOverWindows(input.runTally.evaluate(runSeconds, false), scored),
    budgets: budgetUse(objectives, input.runTally, runSeconds),
  };
  const faultTally = input.phaseTally('faults');
  const faultBudgetShare = new Map<string, number>();
  if (faultTally) {
    const faultResults = faultTally.evaluate(1, false);
    objectives.forEach((o, i) => {
      const share = shareOfRunBudget(o, faultResults[i]?.bad ?? 0, input.runTally.valid);
      if (share !== null) faultBudgetShare.set(o.name, share);
    });
  }
  const timings = input.intervals.map((i) => faultTimings(i, input.windows));
  const { verdict, breaches, notes } = decideVerdict({
    hypothesis: input.experiment.hypothesis,
    windows: input.windows,
    intervals: input.intervals,
    faultsPlanned: input.experiment.faults.length > 0,
    faultBudgetShare,
    aborted: input.aborted,
    error: input.error,
    baselineFailed: input.baselineFailed,
  });
  return { phases, run, timings, verdict, breaches, notes };
}
