import { Cron } from 'croner';
import type { Clock } from '../timeline/clock.ts';

/** One scheduled occasion: when it was due, and the due times skipped since the last one. */
export interface Occasion {
  readonly scheduledFor: Date;
  readonly missed: readonly Date[];
}

/**
 * Runs `run` at each time the cron `pattern` names, in the foreground, until `signal` aborts
 * (or `maxRuns` runs, for tests). `clock.now()` is wall time in ms since the epoch. Runs never
 * overlap: a due time that passes while a run is still going is not started late but reported
 * as missed, with the next run, and through `onMissed` at once.
 */
export async function runOnSchedule(
  pattern: string,
  options: { timezone?: string | undefined; clock: Clock; signal: AbortSignal; maxRuns?: number },
  run: (occasion: Occasion) => Promise<void>,
  onMissed: (due: Date) => void,
): Promise<number> {
  const cron = new Cron(pattern, {
    paused: true,
    ...(options.timezone ? { timezone: options.timezone } : {}),
  });
  let runs = 0;
  let missed: Date[] = [];
  let from = new Date(options.clock.now());
  try {
    while (!options.signal.aborted && runs < (options.maxRuns ?? Infinity)) {
      const due = cron.nextRun(from);
      if (!due) break;
      try {
        await options.clock.sleepUntil(due.getTime(), options.signal);
      } catch {
        break;
      }
      await run({ scheduledFor: due, missed });
      runs++;
      missed = [];
      // Every due time that passed during the run is missed: no overlap, no late start.
      const finished = new Date(options.clock.now());
      for (
        let next = cron.nextRun(due);
        next && next.getTime() <= finished.getTime();
        next = cron.nextRun(next)
      ) {
        missed.push(next);
        onMissed(next);
      }
      from = finished;
    }
  } finally {
    cron.stop();
  }
  return runs;
}
