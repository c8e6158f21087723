import type { ObjectiveSpec } from '../experiment/model.ts';
import type { WindowSummary } from '../slo/window-summary.ts';
import type { Level, LevelObservation } from './capacity-level.ts';

/** Shortfall the generator caused itself, as a share of intended requests, that voids a level. */
const GENERATOR_SHORTFALL_SHARE = 0.01;

/**
 * The runner lag (send lag, event-loop delay, in ms) that voids a level: half the tightest
 * latency objective, and never below 50 ms. Latency counts from the intended send time, so a
 * runner stall of this size alone could eat half the latency budget.
 */
export function runnerLagLimitMs(objectives: readonly ObjectiveSpec[]): number {
  const bounds = objectives.flatMap((o) => ('latency' in o ? [o.latency.below] : []));
  return Math.max(50, bounds.length === 0 ? 0 : Math.min(...bounds) / 2);
}

/**
 * Judges one level. `invalid` when the runner could not drive it (windows flagged suspect,
 * generator shortfall, send lag or event-loop delay over `lagLimitMs`): such a level is never
 * blamed on the system. Otherwise `fails` when any objective was missed over the hold (or the
 * trial could not run), naming the first missed objective, and `holds` when all were met.
 */
export function judgeLevel(observation: LevelObservation, lagLimitMs: number): Level {
  const windows = observation.windows;
  const sum = (f: (w: WindowSummary) => number) => windows.reduce((s, w) => s + f(w), 0);
  const seconds = sum((w) => w.endMs - w.startMs) / 1000 || 1;
  const valid = sum((w) => w.valid) || 1;
  const invalidReason = observation.error === undefined ? runnerFault(observation, lagLimitMs) : null;
  const missed = observation.objectives.find((o) => !o.met);
  const outcome =
    invalidReason !== null ? 'invalid' : observation.error !== undefined || missed ? 'fails' : 'holds';
  return {
    rate: observation.rate,
    purpose: observation.purpose,
    outcome,
    brokenBy:
      outcome !== 'fails' ? null : (missed?.objective ?? `the trial failed: ${String(observation.error)}`),
    invalidReason,
    offeredRate: round(sum((w) => w.intended) / seconds),
    answeredRate: round(sum((w) => w.completed) / seconds),
    goodRate: round(sum((w) => w.good) / seconds),
    p50Ms: observation.latency.p50,
    p99Ms: observation.latency.p99,
    errorShare: round(sum((w) => w.httpErrors) / valid, 4),
    timeoutShare: round(sum((w) => w.timeouts) / valid, 4),
    refusalShare: round(sum((w) => w.connectionErrors) / valid, 4),
  };
}

function runnerFault(o: LevelObservation, lagLimitMs: number): string | null {
  const suspect = o.windows.filter((w) => w.suspect).length;
  if (suspect > 0) return `the runner lagged in ${suspect} window(s)`;
  const intended = o.windows.reduce((s, w) => s + w.intended, 0);
  const shortfall = o.windows.reduce((s, w) => s + (w.runner?.generatorShortfall ?? 0), 0);
  if (intended > 0 && shortfall / intended > GENERATOR_SHORTFALL_SHARE)
    return `the generator could not send ${shortfall} of ${intended} requests`;
  const sendLag = Math.max(0, ...o.windows.map((w) => w.runner?.sendLagP99Ms ?? 0));
  if (sendLag > lagLimitMs) return `send lag p99 ${Math.round(sendLag)} ms (over ${lagLimitMs} ms)`;
  const loopLag = Math.max(
    o.runnerLagMs ?? 0,
    ...o.windows.flatMap((w) => Object.values(w.runner?.eventLoopDelayP99Ms ?? {})),
  );
  if (loopLag > lagLimitMs)
    return `runner event-loop delay p99 ${Math.round(loopLag)} ms (over ${lagLimitMs} ms)`;
  return null;
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
