import type { ObjectiveSpec } from '../experiment/model.ts';
import { allowedBadShare } from './tally.ts';
import type { ObjectiveResult, RunnerHealth, WindowSummary } from './window-summary.ts';

/** What the rule reads of a window: its counts, its objectives' results and the runner's health. */
export type SuspectInput = Pick<
  WindowSummary,
  'startMs' | 'endMs' | 'intended' | 'completed' | 'good' | 'timeouts' | 'objectives' | 'runner'
>;

/** The thread that schedules faults and scores windows: it sends no request and times none. */
const MAIN_THREAD = 'main';

/**
 * The runner's own lag in a window, in ms: the largest of the p99 send lag and the event-loop
 * delay p99 of the threads that send requests or carry their bytes (load workers, the embedded
 * proxy). A request can have been measured up to this much slower than the system answered it.
 * The main thread's delay is left out: it neither sends nor times a request, so its stall cannot
 * make the system look slower (it is still reported with the window's figures).
 */
export function runnerLagMs(health: RunnerHealth): number {
  const measuring = Object.entries(health.eventLoopDelayP99Ms)
    .filter(([thread]) => thread !== MAIN_THREAD)
    .map(([, ms]) => ms);
  return Math.max(0, health.sendLagP99Ms ?? 0, ...measuring);
}

/**
 * True when the runner's own lag could explain every objective the window missed, so the miss
 * cannot be blamed on the system. Pure. Never suspect without a health reading or without a miss.
 * Per missed objective:
 * - latency: the value less the lag is below the threshold (an unanswered request counts as the
 *   timeout);
 * - success / errors: the bad events left after taking away the generator's own shortfall (and
 *   timeouts, when the lag reaches half the timeout) fit the objective;
 * - throughput: the generator's shortfall makes up the gap, or the lag is 10% of the window or more;
 * - a window with load and no answer at all: the lag covers half the window, or the generator's
 *   shortfall covers every intended request.
 */
export function isSuspectWindow(
  window: SuspectInput,
  objectives: readonly ObjectiveSpec[],
  timeoutMs: number | undefined,
): boolean {
  const health = window.runner;
  const missed = window.objectives.filter((o) => !o.met);
  if (!health || missed.length === 0) return false;
  const lag = runnerLagMs(health);
  const lengthMs = window.endMs - window.startMs;
  if (window.completed === 0)
    return lag >= lengthMs / 2 || (window.intended > 0 && health.generatorShortfall >= window.intended);
  return missed.every((result) => {
    const spec = objectives.find((o) => o.name === result.objective);
    return spec !== undefined && lagExplains(result, spec, window, health, lag, lengthMs, timeoutMs);
  });
}

function lagExplains(
  result: ObjectiveResult,
  spec: ObjectiveSpec,
  window: SuspectInput,
  health: RunnerHealth,
  lag: number,
  lengthMs: number,
  timeoutMs: number | undefined,
): boolean {
  if ('latency' in spec) {
    const value = result.value ?? timeoutMs;
    return value !== undefined && value - lag < spec.latency.below;
  }
  if ('throughput' in spec) {
    const seconds = lengthMs / 1000;
    const reachable = seconds > 0 ? (window.good + health.generatorShortfall) / seconds : 0;
    return (
      (health.generatorShortfall > 0 && reachable >= spec.throughput['at-least']) || lag >= lengthMs / 10
    );
  }
  const allowed = allowedBadShare(spec);
  if (allowed === undefined || result.bad === undefined) return false;
  const valid = window.good + result.bad;
  const lagTimeouts = timeoutMs !== undefined && lag >= timeoutMs / 2 ? window.timeouts : 0;
  const left = Math.max(0, result.bad - health.generatorShortfall - lagTimeouts);
  return 'errors' in spec ? left < valid * allowed || left === 0 : left <= valid * allowed;
}

/** The runner's figures for a breach or a note, e.g. `event-loop delay p99 main 180 ms, send lag p99 150 ms`. */
export function describeRunnerHealth(health: RunnerHealth): string {
  const loops = Object.entries(health.eventLoopDelayP99Ms).map(
    ([thread, ms]) => `${thread} ${ms.toFixed(0)} ms`,
  );
  const parts = [
    ...(loops.length > 0 ? [`event-loop delay p99 ${loops.join(', ')}`] : []),
    ...(health.sendLagP99Ms === null ? [] : [`send lag p99 ${health.sendLagP99Ms.toFixed(0)} ms`]),
    ...(health.generatorShortfall > 0 ? [`generator shortfall ${health.generatorShortfall}`] : []),
    ...(health.cpuPercent === null ? [] : [`runner CPU ${health.cpuPercent.toFixed(0)}%`]),
  ];
  return parts.join(', ') || 'no figures';
}

/**
 * True when the runner could not measure most of a window it had load for: its own lag covers
 * half the window or more, and fewer than half the intended requests were answered, failed or
 * timed out in it. Such a window holds no evidence either way — a pass resting on it is no pass
 * (the run ends `inconclusive`). Pure; never without a health reading.
 */
export function isUnmeasuredWindow(
  window: Pick<WindowSummary, 'startMs' | 'endMs' | 'intended' | 'completed' | 'runner'>,
): boolean {
  if (!window.runner || window.intended === 0) return false;
  return (
    runnerLagMs(window.runner) >= (window.endMs - window.startMs) / 2 &&
    window.completed < window.intended / 2
  );
}
