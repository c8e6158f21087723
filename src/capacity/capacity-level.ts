import type { LatencyPercentiles, ObjectiveResult, WindowSummary } from '../slo/window-summary.ts';

/** Why a level was run: the search's step up, a bisection, the confirming repeat, overload, recovery. */
export type LevelPurpose = 'step' | 'bisect' | 'retry' | 'confirm' | 'break' | 'recovery';

/** A level `holds` (every objective met over the hold), `fails`, or is `invalid` (the runner lagged). */
export type LevelOutcome = 'holds' | 'fails' | 'invalid';

/** What one trial at one arrival rate measured over its hold period (warm-up already dropped). */
export interface LevelObservation {
  /** Offered arrival rate, requests per second. */
  readonly rate: number;
  readonly purpose: LevelPurpose;
  /** The hold's objectives, evaluated over the hold as a whole. */
  readonly objectives: readonly ObjectiveResult[];
  /** Latency percentiles over the hold as a whole. */
  readonly latency: LatencyPercentiles;
  /** The hold's windows (for runner health and the curves). */
  readonly windows: readonly WindowSummary[];
  /** p99 event-loop delay of the runner's main thread over the level, ms; null when not measured. */
  readonly runnerLagMs: number | null;
  /** What failed when the trial itself could not be carried out. */
  readonly error: string | undefined;
}

/** One point of the search, as reports and `--json` show it. Rates in req/s, latencies in ms. */
export interface Level {
  readonly rate: number;
  readonly purpose: LevelPurpose;
  readonly outcome: LevelOutcome;
  /** The first objective that was missed (fails), else null. */
  readonly brokenBy: string | null;
  /** Why the level says nothing about the system (invalid), else null. */
  readonly invalidReason: string | null;
  /** Requests per second the schedule asked for, sent, answered at all, and answered well. */
  readonly offeredRate: number;
  readonly answeredRate: number;
  readonly goodRate: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** Shares of the hold's events: HTTP errors, timeouts, refused or reset connections. */
  readonly errorShare: number;
  readonly timeoutShare: number;
  readonly refusalShare: number;
}
