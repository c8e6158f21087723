import { renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import { gamedayText, type GamedayReport } from '../../gameday/gameday-report.ts';
import { loadGameday } from '../../gameday/load-gameday.ts';
import { runGameday, type RunOne } from '../../gameday/run-gameday.ts';
import { runOnSchedule } from '../../gameday/run-on-schedule.ts';
import { runHistoryEntry } from '../../history/history-entry.ts';
import { recordInHistory } from '../../history/record-in-history.ts';
import { JournalFile } from '../../journal/journal-file.ts';
import { WorkerLoadDriver } from '../../load/worker-load-driver.ts';
import { runExperiment } from '../../runner/run-experiment.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { wallClock } from '../../runtime/wall-clock.ts';
import type { Clock } from '../../timeline/clock.ts';
import { defaultRegistry } from '../default-registry.ts';
import { recordFolder } from '../record-folder.ts';
import { newRunId } from '../run-id.ts';

export interface GamedayOptions {
  readonly file: string;
  readonly schedule: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
  /** The folder each run's record folder goes in (default .faultline/gamedays). */
  readonly out?: string | undefined;
}

/** Parts tests swap: the wall clock of `--schedule`, how one experiment runs, a run limit. */
export interface GamedayOverrides {
  readonly clock?: Clock;
  readonly runOne?: (experimentDir: string) => RunOne;
  readonly maxRuns?: number;
}

/**
 * `faultline gameday <file>`: runs the game day now, or with `--schedule` stays in the
 * foreground and runs it at each time of its cron `schedule` (never overlapping; a missed time
 * is reported) until interrupted. Each run writes gameday.json (linking every experiment's
 * journal) under `<--out or .faultline/gamedays>/<run-id>` and is indexed in the history with each of its
 * experiments. Exit: the combined code of the last run; 2 for bad input before anything runs.
 */
export async function gamedayCommand(
  options: GamedayOptions,
  runtime: Runtime,
  overrides: GamedayOverrides = {},
): Promise<number> {
  const gameday = loadGameday(resolve(runtime.cwd, options.file), {
    readText: (p) => runtime.readText(resolve(runtime.cwd, p)),
    env: runtime.env,
  });
  if (options.schedule && gameday.schedule === undefined)
    throw new InvalidInputError(
      [
        {
          message: `--schedule: ${gameday.file} has no \`schedule:\` (a cron expression such as "0 9 * * MON")`,
        },
      ],
      { code: 'E_USAGE' },
    );
  // Checked before anything runs (with --schedule, before the first wait), as every input is.
  const where = options.out === undefined ? 'the record folder' : '--out';
  const root = recordFolder(resolve(runtime.cwd, options.out ?? join('.faultline', 'gamedays')), where);
  const log = (line: string) => {
    if (!options.quiet)
      runtime.stderr.write(`[${new Date(runtime.now()).toISOString().slice(11, 23)}] ${line}\n`);
  };
  let code = 0;
  const once = async (scheduledFor: Date | null, missed: readonly Date[]) => {
    const runId = newRunId(gameday.gameday, runtime.now());
    const dir = recordFolder(join(root, runId), where);
    log(`game day ${runId}: ${gameday.gameday}, record in ${dir}`);
    const runOne = overrides.runOne?.(dir) ?? realRunOne(dir, runtime, log);
    const report = await runGameday(
      gameday,
      { runId, runOne, now: runtime.now, signal: runtime.signal, log },
      {
        scheduledFor,
        missed,
      },
    );
    const file = join(dir, 'gameday.json');
    writeFileSync(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    recordInHistory(runtime.cwd, gamedayEntry(report, file), log);
    runtime.stdout.write(options.json ? `${JSON.stringify(report)}\n` : gamedayText(report, file));
    code = report.exitCode;
  };
  if (!options.schedule) {
    await once(null, []);
    return code;
  }
  log(`game day ${gameday.gameday}: waiting for its schedule "${gameday.schedule}" (Ctrl-C to stop)`);
  await runOnSchedule(
    gameday.schedule ?? '',
    {
      timezone: gameday.timezone,
      clock: overrides.clock ?? wallClock,
      signal: runtime.signal,
      ...(overrides.maxRuns === undefined ? {} : { maxRuns: overrides.maxRuns }),
    },
    (occasion) => once(occasion.scheduledFor, occasion.missed),
    (due) => log(`missed the run scheduled for ${due.toISOString()}: the previous run was still going`),
  );
  return code;
}

function realRunOne(dir: string, runtime: Runtime, log: (line: string) => void): RunOne {
  return async (experiment) => {
    const runId = newRunId(experiment.name, runtime.now());
    const file = new JournalFile(join(dir, runId), experiment.secrets);
    const journal = await runExperiment(experiment, {
      runId,
      registry: defaultRegistry(experiment),
      load: new WorkerLoadDriver(),
      clock: runtime.clock,
      signal: runtime.signal,
      now: runtime.now,
      sink: { event: (e) => file.append(e), log: (line) => log(`${experiment.name}: ${line}`) },
    });
    file.write(journal);
    recordInHistory(runtime.cwd, runHistoryEntry(journal, file.jsonPath), log);
    return { journal, path: file.jsonPath };
  };
}

function gamedayEntry(report: GamedayReport, path: string) {
  return {
    kind: 'gameday' as const,
    id: report.runId,
    experiment: report.gameday,
    at: report.startedAt,
    path,
    verdict: report.verdict,
    budgetBurned: null,
    timeToRecoverMs: null,
    capacity: null,
    capacityUnder: null,
  };
}
