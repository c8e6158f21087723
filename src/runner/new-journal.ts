import type { Experiment } from '../experiment/model.ts';
import {
  JOURNAL_FORMAT,
  JOURNAL_FORMAT_MINOR,
  JOURNAL_SCHEMA_ID,
  type FaultRecord,
  type Journal,
} from '../journal/journal.ts';
import type { JournalEnvironment, ResolvedExperiment } from '../journal/journal-parts.ts';
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
  environment: JournalEnvironment | null = null,
): Journal {
  return {
    format: JOURNAL_FORMAT,
    formatMinor: JOURNAL_FORMAT_MINOR,
    schema: JOURNAL_SCHEMA_ID,
    runId,
    experiment: {
      name: experiment.name,
      title: experiment.title ?? null,
      description: experiment.description ?? null,
      file: experiment.file,
      tags: experiment.tags,
      resolved: resolvedExperiment(experiment),
    },
    slos: experiment.slos,
    hypothesis: experiment.hypothesis,
    environment,
    startedAt: startedAt.toISOString(),
    endedAt: null,
    plan: { durationMs: plan.durationMs, windowMs: plan.windowMs, phases: plan.phases },
    load: {
      url: load.url,
      model: load.model.kind === 'open' ? { ...load.model, stages: [...load.model.stages] } : load.model,
      durationMs: load.durationMs,
      timeoutMs: load.timeoutMs,
      requests: [...load.requests],
      description: describeLoad(load),
    },
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

/** The experiment as data: no secrets map, no source locators, no file path. */
function resolvedExperiment(experiment: Experiment): ResolvedExperiment {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { secrets, file, faults, ...rest } = experiment;
  return {
    ...rest,
    faults: faults.map(({ locate: _locate, ...fault }) => fault),
  };
}
