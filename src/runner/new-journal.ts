import type { Experiment } from '../experiment/model.ts';
import { JOURNAL_FORMAT, type FaultRecord, type Journal } from '../journal/journal.ts';
import type { LoadPlan } from '../load/load-driver.ts';
import type { Plan } from '../timeline/plan.ts';
import { describeLoad } from './load-plan.ts';

/** The journal of a run that is about to start. */
export function newJournal(
  runId: string,
  experiment: Experiment,
  plan: Plan,
  load: LoadPlan,
  faults: FaultRecord[],
  startedAt: Date,
): Journal {
  return {
    format: JOURNAL_FORMAT,
    runId,
    experiment: {
      name: experiment.name,
      title: experiment.title ?? null,
      file: experiment.file,
      tags: experiment.tags,
    },
    startedAt: startedAt.toISOString(),
    endedAt: null,
    plan: { durationMs: plan.durationMs, windowMs: plan.windowMs, phases: plan.phases },
    load: { url: load.url, model: describeLoad(load), timeoutMs: load.timeoutMs },
    targets: [],
    faults,
    windows: [],
    phases: [],
    run: null,
    verdict: null,
    breaches: [],
    exitCode: null,
    notes: [],
    loadTotals: null,
  };
}
