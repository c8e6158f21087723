import type { RequestSpec } from '../experiment/model.ts';
import type { SampleSink } from '../slo/sample-sink.ts';

/** Open model: requests arrive on a schedule whatever the service does. Closed: N connections loop. */
export type LoadModel =
  | {
      readonly kind: 'open';
      readonly rate: number;
      readonly stages: readonly { for: number; rate: number }[];
      readonly maxConnections: number;
    }
  | { readonly kind: 'closed'; readonly connections: number };

/** Everything a driver needs to generate load. Times in milliseconds. */
export interface LoadPlan {
  readonly url: string;
  readonly requests: readonly RequestSpec[];
  readonly model: LoadModel;
  readonly durationMs: number;
  readonly timeoutMs: number;
}

/** Totals of a finished load run. */
export interface LoadTotals {
  readonly intended: number;
  readonly sent: number;
  readonly answered: number;
  readonly connectionsOpened: number;
}

/** A running load. `stop` ends it early; `done` settles when the duration is over or it stopped. */
export interface LoadRun {
  readonly done: Promise<LoadTotals>;
  stop(): Promise<LoadTotals>;
}

/**
 * The load port. `now()` is the run's clock in ms since load start: every sample handed to the
 * sink is stamped with it, so SLO windows and the fault timeline share one time base.
 */
export interface LoadDriver {
  /** Optional: throws RunFailedError when the load target cannot be reached at all. */
  preflight?(plan: LoadPlan): Promise<void>;
  start(plan: LoadPlan, sink: SampleSink, now: () => number): LoadRun;
}
