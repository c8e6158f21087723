import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';

const RESOLUTION_MS = 10;

/** Absolute wall time in ms with sub-ms precision, the same base in every thread of the process. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** One thread's event-loop delay over a short interval ending at `epochMs`. */
export interface ThreadDelayReport {
  readonly thread: string;
  readonly epochMs: number;
  /** p99 of how late the loop ran its timers, ms (the sampling resolution already taken off). */
  readonly p99Ms: number;
}

/**
 * Event-loop delay of the calling thread (perf_hooks.monitorEventLoopDelay). `take()` returns the
 * p99 since the previous take and starts afresh. Node records whole timer intervals, so the
 * sampling resolution is subtracted: 0 means the loop was never late.
 */
export class EventLoopDelay {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.#histogram.enable();
  }

  take(): number {
    const h = this.#histogram;
    const p99 = h.count > 0 ? Math.max(0, h.percentile(99) / 1e6 - RESOLUTION_MS) : 0;
    h.reset();
    return p99;
  }

  stop(): void {
    this.#histogram.disable();
  }
}

const listeners = new Set<(report: ThreadDelayReport) => void>();

/**
 * The process-wide channel on which the runner's threads' delays arrive in the main thread (load
 * workers, the embedded proxy's worker): whoever watches the runner's health subscribes.
 */
export const threadDelays = {
  report(report: ThreadDelayReport): void {
    for (const l of listeners) l(report);
  },
  /** Returns the unsubscribe function. */
  subscribe(listener: (report: ThreadDelayReport) => void): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
