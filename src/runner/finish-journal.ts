import type { Experiment } from '../experiment/model.ts';
import type { Journal } from '../journal/journal.ts';
import type { LoadTotals } from '../load/load-driver.ts';
import { scoreRun } from '../slo/score-run.ts';
import type { WindowRecorder } from '../slo/window-recorder.ts';
import type { Plan } from '../timeline/plan.ts';
import { exitCodeFor } from './exit-code-for.ts';
import type { FaultBook } from './fault-book.ts';
import type { RunSink } from './run-sink.ts';

export interface FinishInput {
  readonly experiment: Experiment;
  readonly plan: Plan;
  readonly recorder: WindowRecorder;
  readonly book: FaultBook;
  readonly totals: LoadTotals | null;
  readonly aborted: boolean;
  readonly error: boolean;
  readonly baselineFailed: boolean;
  readonly endedAt: Date;
  readonly sink: RunSink;
}

/** Scores the run and completes its journal: phases, budgets, per-fault timings, verdict, exit code. */
export function finishJournal(journal: Journal, input: FinishInput): Journal {
  const score = scoreRun({
    experiment: input.experiment,
    phases: input.plan.phases,
    windows: input.recorder.windows,
    phaseTally: (phase) => input.recorder.phaseTally(phase),
    runTally: input.recorder.runTally,
    intervals: input.book.intervals(),
    aborted: input.aborted,
    error: input.error,
    baselineFailed: input.baselineFailed,
  });
  for (const timing of score.timings) {
    const record = journal.faults.find((f) => f.name === timing.fault);
    if (record)
      Object.assign(record, {
        timeToImpactMs: timing.timeToImpactMs,
        timeToRecoverMs: timing.timeToRecoverMs,
      });
  }
  journal.phases = score.phases;
  journal.run = score.run;
  journal.verdict = score.verdict;
  journal.breaches = score.breaches;
  for (const message of score.notes) journal.notes.push({ atMs: null, message });
  journal.loadTotals = input.totals;
  journal.endedAt = input.endedAt.toISOString();
  journal.exitCode = exitCodeFor(score.verdict, input.book.revertFailed);
  input.sink.event({ kind: 'end', journal });
  return journal;
}
