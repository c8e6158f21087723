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
  readonly kind: 'latency' | 'success' | 'errors' | 'throughput';
  readonly met: boolean;
  /** ms for latency (null = beyond the timeout), fraction for success/errors, req/s for throughput. */
  readonly value: number | null;
  /** Bad events by this objective's own definition (slow, failed); undefined for throughput. */
  readonly bad?: number;
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
}
