import type { Experiment } from '../experiment/model.ts';
import type { Journal } from '../journal/journal.ts';
import { planExperiment } from '../timeline/plan.ts';
import { finishJournal } from './finish-journal.ts';
import { frozenSink } from './frozen.ts';
import { loadPlanFor } from './load-plan.ts';
import { newJournal } from './new-journal.ts';
import type { RunDeps } from './run-deps.ts';
import { inSession } from './session.ts';
import { Trial } from './trial.ts';

export type { RunDeps } from './run-deps.ts';

/**
 * Runs an experiment end to end (DESIGN.md §1): a session (preflight, targets) holding one
 * trial (load, the fault timeline scored window by window), then — always — every fault reverted
 * and every target stopped, the verdict decided and the journal written. Journal events are
 * frozen copies. Never throws for run-time failures: they become the `error` verdict; a fault
 * left in place makes the exit code 4.
 */
export async function runExperiment(experiment: Experiment, runDeps: RunDeps): Promise<Journal> {
  const deps: RunDeps = { ...runDeps, sink: frozenSink(runDeps.sink) };
  const plan = planExperiment(experiment);
  const loadPlan = loadPlanFor(experiment.load);
  const note = (message: string) => {
    const atMs = trial.ctx.now();
    journal.notes.push({ atMs, message });
    deps.sink.event({ kind: 'note', atMs, message });
    deps.sink.log(message);
  };
  const trial: Trial = new Trial({ experiment, plan, loadPlan }, deps, {
    note,
    onFault: (record) => deps.sink.event({ kind: 'fault', fault: record }),
    onWindow: (window) => {
      journal.windows.push(window);
      deps.sink.event({ kind: 'window', window });
    },
  });
  const journal = newJournal(
    deps.runId,
    experiment,
    plan,
    loadPlan,
    trial.book.records,
    deps.now(),
    deps.environment ?? null,
  );
  deps.sink.event({ kind: 'start', journal });
  const session = await inSession(
    experiment,
    deps,
    { note, onTarget: (t) => journal.targets.push(t), now: trial.ctx.now },
    loadPlan,
    (s) => trial.run(s),
  );
  trial.finish();
  const error = session.error ?? trial.state.error;
  return finishJournal(journal, {
    experiment,
    plan,
    recorder: trial.recorder,
    book: trial.book,
    totals: trial.totals,
    aborted: deps.signal.aborted || trial.state.guardrail !== undefined,
    error: (error !== undefined && !deps.signal.aborted) || trial.state.injectFailed,
    baselineFailed: trial.state.baselineFailed,
    endedAt: deps.now(),
    sink: deps.sink,
  });
}
