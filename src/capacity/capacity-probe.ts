import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Experiment, PlannedFault } from '../experiment/model.ts';
import type { RunDeps } from '../runner/run-deps.ts';
import type { Session } from '../runner/session.ts';
import { Trial } from '../runner/trial.ts';
import type { Level, LevelPurpose } from './capacity-level.ts';
import type { Probe } from './capacity-search.ts';
import { judgeLevel, runnerLagLimitMs } from './judge-level.ts';
import { levelSpec, type LevelTiming } from './level-spec.ts';
import { settle } from './settle.ts';

/** Longest wait for an overloaded service to drain before the next level. */
const SETTLE_MAX_MS = 60_000;
/** Shortest warm-up of a session's first level. */
const FIRST_WARMUP_MS = 3000;

/** Where the probe reports: each finished level, notes, and the trial's journal events. */
export interface ProbeHooks {
  onLevel(level: Level, index: number): void;
  note(message: string): void;
}

/**
 * The real probe: runs one trial per level inside `session` (the fault `under`, if any, held
 * throughout; the session's first level warms up 3 × longer, at least 3 s), measures the
 * runner's own event-loop delay meanwhile, judges the hold, and after
 * a level that did not hold waits for the service to drain before returning.
 */
export function capacityProbe(
  session: Session,
  experiment: Experiment,
  timing: LevelTiming,
  under: PlannedFault | undefined,
  deps: RunDeps,
  hooks: ProbeHooks,
  counter: { levels: number; revertFailed: boolean },
): Probe {
  const lagLimitMs = runnerLagLimitMs(experiment.slos.objectives);
  const goodWithinMs = Math.min(
    experiment.load.timeout,
    ...experiment.slos.objectives.flatMap((o) => ('latency' in o ? [o.latency.below] : [])),
  );
  return async (rate: number, purpose: LevelPurpose): Promise<Level> => {
    const index = ++counter.levels;
    // The session's first level also warms targets that were just started (JIT, connections).
    const warm =
      index === 1 ? { ...timing, warmupMs: Math.max(3 * timing.warmupMs, FIRST_WARMUP_MS) } : timing;
    const trial = new Trial(levelSpec(experiment, rate, warm, under), deps, {
      note: hooks.note,
      onFault: (fault) => deps.sink.event({ kind: 'fault', fault }),
      onWindow: (window) => deps.sink.event({ kind: 'window', window }),
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    await trial.run(session);
    loop.disable();
    trial.finish();
    if (trial.book.revertFailed) counter.revertFailed = true;
    if (trial.book.revertFailed) throw new Error(`a fault of level ${index} could not be reverted`);
    const hold = trial.recorder.phaseTally('baseline');
    const windows = trial.recorder.windows.filter((w) => w.phase === 'baseline');
    const seconds = windows.reduce((s, w) => s + (w.endMs - w.startMs), 0) / 1000;
    const level = judgeLevel(
      {
        rate,
        purpose,
        objectives: hold?.evaluate(seconds, true) ?? [],
        latency: hold?.latency() ?? { p50: null, p90: null, p95: null, p99: null, p999: null, max: null },
        windows,
        runnerLagMs: loop.count > 0 ? loop.percentile(99) / 1e6 : null,
        error: trial.state.error ?? (hold ? undefined : 'no window of the hold was scored'),
      },
      lagLimitMs,
    );
    hooks.onLevel(level, index);
    const request = experiment.load.requests[0];
    if (level.outcome !== 'holds' && request && !session.signal.aborted) {
      const took = await settle(experiment.load.url, request, goodWithinMs, SETTLE_MAX_MS, session.signal);
      if (took === null)
        hooks.note(`the service did not settle within ${SETTLE_MAX_MS / 1000} s after ${rate} req/s`);
    }
    return level;
  };
}
