import type { RunnerHealth, WindowSummary } from './window-summary.ts';

/** Options of a test window: 100 events, all good when `met`, none when not. */
export interface WindowFixtureOptions {
  readonly activeFaults?: readonly string[];
  readonly suspect?: boolean;
  readonly runner?: RunnerHealth | null;
  readonly lengthMs?: number;
}

/** A one-objective (`availability`) window for unit tests of the verdict. */
export function windowFixture(
  startMs: number,
  phase: WindowSummary['phase'],
  met: boolean,
  options: WindowFixtureOptions = {},
): WindowSummary {
  const suspect = options.suspect ?? false;
  return {
    index: Math.floor(startMs / 1000),
    startMs,
    endMs: startMs + (options.lengthMs ?? 1000),
    phase,
    activeFaults: options.activeFaults ?? [],
    intended: 100,
    completed: 100,
    good: met ? 100 : 50,
    httpErrors: met ? 0 : 50,
    timeouts: 0,
    connectionErrors: 0,
    shortfall: 0,
    valid: 100,
    latency: { p50: 1, p90: 1, p95: 1, p99: 1, p999: 1, max: 1 },
    objectives: [
      { objective: 'availability', kind: 'success', met, value: met ? 1 : 0.5, bad: met ? 0 : 50 },
    ],
    met,
    causes: met ? [] : [{ cause: 'http 503', count: 50, firstMessage: 'Service Unavailable' }],
    runner:
      options.runner ??
      (suspect
        ? { eventLoopDelayP99Ms: { main: 400 }, cpuPercent: 100, sendLagP99Ms: 350, generatorShortfall: 0 }
        : null),
    suspect,
    saturation: [],
  };
}
