import type { RequestSpec } from '../experiment/model.ts';
import type { SampleSink, ShortfallKind } from '../slo/sample-sink.ts';

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
  /** Worker threads generating the load (each with its share of the schedule); default 1. */
  readonly workers?: number;
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

/** What the generator tells about itself, for the runner's health (not part of the SLIs). */
export interface LoadObserver {
  /** A request went out `lagUs` µs after its intended send time (open model only). */
  sent(atMs: number, lagUs: number): void;
  /** `count` intended requests were lost as shortfall of `kind`. */
  shortfall(atMs: number, count: number, kind: ShortfallKind): void;
}

/**
 * The load port. `now()` is the run's clock in ms since load start: every sample handed to the
 * sink is stamped with it, so SLO windows and the fault timeline share one time base.
 */
export interface LoadDriver {
  /** Optional: throws RunFailedError when the load target cannot be reached at all. */
  preflight?(plan: LoadPlan): Promise<void>;
  /**
   * Optional: makes the generator ready for `plan` (threads started and loaded) so that `start`
   * sends on time; each trial of a session calls it just before its load starts.
   */
  prepare?(plan: LoadPlan): Promise<void>;
  start(plan: LoadPlan, sink: SampleSink, now: () => number, observer?: LoadObserver): LoadRun;
}
