import type { Experiment } from '../experiment/model.ts';
import type { Journal } from '../journal/journal.ts';
import { combinedExitCode, type GamedayItem, type GamedayReport } from './gameday-report.ts';
import { gamedayBatches } from './gameday-batches.ts';
import type { Gameday } from './load-gameday.ts';

/** Runs one experiment and returns its finished journal and where it was written. */
export type RunOne = (experiment: Experiment) => Promise<{ journal: Journal; path: string }>;

/** What a game day run needs from outside. */
export interface GamedayDeps {
  readonly runId: string;
  readonly runOne: RunOne;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/**
 * Runs a game day once: its experiments in order, batch by batch (a batch's experiments at the
 * same time), each through `runOne` (its own session, journal and reverts). After an interrupt
 * no further batch starts. Returns the combined report; never throws for a failed experiment.
 */
export async function runGameday(
  gameday: Gameday,
  deps: GamedayDeps,
  schedule: { scheduledFor: Date | null; missed: readonly Date[] } = { scheduledFor: null, missed: [] },
): Promise<GamedayReport> {
  const startedAt = deps.now().toISOString();
  const items: GamedayItem[] = [];
  const batches = gamedayBatches(gameday.experiments, gameday.parallel);
  for (const [index, batch] of batches.entries()) {
    if (deps.signal.aborted) break;
    deps.log(`batch ${index + 1} of ${batches.length}: ${batch.map((e) => e.experiment.name).join(', ')}`);
    const done = await Promise.all(
      batch.map(async ({ experiment, notes }): Promise<GamedayItem> => {
        let outcome: Awaited<ReturnType<RunOne>>;
        try {
          outcome = await deps.runOne(experiment);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          deps.log(`${experiment.name}: could not be run: ${message}`);
          return {
            experiment: experiment.name,
            file: experiment.file,
            batch: index + 1,
            runId: '',
            verdict: 'error',
            exitCode: 5,
            journal: '',
            notes: `could not be run: ${message}`,
          };
        }
        const { journal, path } = outcome;
        return {
          experiment: experiment.name,
          file: experiment.file,
          batch: index + 1,
          runId: journal.runId,
          verdict: journal.verdict ?? 'error',
          exitCode: journal.exitCode ?? 5,
          journal: path,
          notes: notes ?? null,
        };
      }),
    );
    items.push(...done);
  }
  const failed = items.find((i) => i.verdict !== 'pass');
  return {
    kind: 'gameday',
    format: 1,
    gameday: gameday.gameday,
    title: gameday.title ?? null,
    runId: deps.runId,
    file: gameday.file,
    startedAt,
    endedAt: deps.now().toISOString(),
    scheduledFor: schedule.scheduledFor?.toISOString() ?? null,
    missed: schedule.missed.map((d) => d.toISOString()),
    roles: gameday.roles,
    notes: gameday.notes ?? null,
    items,
    verdict:
      deps.signal.aborted && items.length < gameday.experiments.length
        ? 'aborted'
        : (failed?.verdict ?? 'pass'),
    exitCode: combinedExitCode([...items.map((i) => i.exitCode), ...(deps.signal.aborted ? [3] : [])]),
  };
}
