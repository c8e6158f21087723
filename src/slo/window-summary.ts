import type { PhaseName } from '../timeline/plan.ts';

/** Latency percentiles in milliseconds of one window; `null` = beyond the timeout (no answer). */
export interface LatencyPercentiles {
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly p999: number | null;
  readonly max: number | null;
}

/** What one objective said about one window (or phase). `value` is in the objective's unit. */
export interface ObjectiveResult {
  readonly objective: string;
  readonly kind: 'latency' | 'success' | 'errors' | 'throughput' | 'saturation';
  readonly met: boolean;
  /**
   * ms for latency (null = beyond the timeout), fraction for success/errors, req/s for
   * throughput; for saturation the worst member's share: of its CPU limit, else (memory only) of
   * its memory limit or of the size allowed; null when no reading came in.
   */
  readonly value: number | null;
  /** Bad events by this objective's own definition (slow, failed); undefined for throughput and saturation. */
  readonly bad?: number;
  /** Why a saturation objective was missed, for a person (which member, what reading, or none). */
  readonly detail?: string;
}

/**
 * One cause of bad events in a window, e.g. `http 503`, `timeout`, `refused`, `reset`,
 * `closed mid-request`, `shortfall: outage` (the target silenced the generator) or
 * `shortfall: generator` (no free connection / connect pending: the runner's own doing).
 */
export interface BadCause {
  readonly cause: string;
  readonly count: number;
  /** The first message seen for this cause in the window (for connection errors, the OS/HTTP text). */
  readonly firstMessage: string;
}

/** The runner's own health during one window: what could explain a miss without the system. */
export interface RunnerHealth {
  /** p99 event-loop delay in ms per runner thread (`main`, `load`, `proxy`, …). */
  readonly eventLoopDelayP99Ms: Readonly<Record<string, number>>;
  /** CPU the runner process used in the window, percent of one core; null when not measured. */
  readonly cpuPercent: number | null;
  /** p99 of actual − intended send time in ms (open model); null when nothing was sent. */
  readonly sendLagP99Ms: number | null;
  /** Intended requests not sent because of the generator itself (no free connection, connect pending). */
  readonly generatorShortfall: number;
}

/** One target member's saturation in a window (the fourth golden signal). */
export interface TargetSaturation {
  readonly target: string;
  readonly member: string;
  /** CPU as a share of the member's limit (or of the host when unlimited), 0..1+; null if unknown. */
  readonly cpuShare: number | null;
  readonly memoryBytes: number | null;
  /** Memory as a share of the member's limit; null when unlimited or unknown. */
  readonly memoryShare: number | null;
}

/** The fixed-size record kept per window; per-request data is never kept. */
export interface WindowSummary {
  readonly index: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly phase: PhaseName;
  /** Names of faults active during any part of the window. */
  readonly activeFaults: readonly string[];
  readonly intended: number;
  readonly completed: number;
  /** 2xx/3xx answers inside the timeout. */
  readonly good: number;
  readonly httpErrors: number;
  readonly timeouts: number;
  readonly connectionErrors: number;
  readonly shortfall: number;
  /** completed + timeouts + connectionErrors + shortfall: every event the window should have had. */
  readonly valid: number;
  readonly latency: LatencyPercentiles;
  readonly objectives: readonly ObjectiveResult[];
  /** True when every objective is met; a window with load but no answer never is. */
  readonly met: boolean;
  /** Bad events by cause, most frequent first. */
  readonly causes: readonly BadCause[];
  /** The runner's own health in this window; null when it was not measured. */
  readonly runner: RunnerHealth | null;
  /** True when the runner's own lag could explain a miss in this window (never blame the system). */
  readonly suspect: boolean;
  /** Saturation of each target member, where recorded. */
  readonly saturation: readonly TargetSaturation[];
}
