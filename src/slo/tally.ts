import * as hdr from 'hdr-histogram-js';
import type { ObjectiveSpec } from '../experiment/model.ts';
import type { LatencyPercentiles, ObjectiveResult } from './window-summary.ts';

/** Largest latency tracked exactly: 1 hour in microseconds; larger values are clamped. */
const MAX_US = 3_600_000_000;

/**
 * Counts and a latency histogram (µs, from the intended send time) for one window or phase.
 * Fixed size whatever the request rate. Requests with no answer (timeouts, connection errors,
 * shortfall) count as infinitely slow for latency objectives.
 */
export class Tally {
  intended = 0;
  completed = 0;
  good = 0;
  httpErrors = 0;
  timeouts = 0;
  connectionErrors = 0;
  shortfall = 0;
  /** Per latency objective (in objective order): answers slower than its threshold. */
  readonly slow: number[];
  readonly #thresholdsUs: number[];
  readonly #histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_US,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });

  constructor(readonly objectives: readonly ObjectiveSpec[]) {
    this.#thresholdsUs = objectives.flatMap((o) => ('latency' in o ? [o.latency.below * 1000] : []));
    this.slow = this.#thresholdsUs.map(() => 0);
  }

  get valid(): number {
    return this.completed + this.timeouts + this.connectionErrors + this.shortfall;
  }

  /** Records one answer. Good = 2xx/3xx. */
  response(latencyUs: number, status: number): void {
    this.completed++;
    if (status >= 200 && status < 400) this.good++;
    else this.httpErrors++;
    this.#histogram.recordValue(Math.min(MAX_US, Math.max(1, Math.round(latencyUs))));
    for (let i = 0; i < this.#thresholdsUs.length; i++)
      if (latencyUs > (this.#thresholdsUs[i] ?? 0)) this.slow[i] = (this.slow[i] ?? 0) + 1;
  }

  /** Adds another tally into this one (window → phase). */
  add(other: Tally): void {
    this.intended += other.intended;
    this.completed += other.completed;
    this.good += other.good;
    this.httpErrors += other.httpErrors;
    this.timeouts += other.timeouts;
    this.connectionErrors += other.connectionErrors;
    this.shortfall += other.shortfall;
    other.slow.forEach((n, i) => (this.slow[i] = (this.slow[i] ?? 0) + n));
    this.#histogram.add(other.#histogram);
  }

  /** The latency at percentile `p` over all valid events, in ms; null when it falls on an unanswered one. */
  percentileMs(p: number): number | null {
    const rank = Math.ceil((p / 100) * this.valid);
    if (this.completed === 0 || rank > this.completed) return null;
    return (
      this.#histogram.getValueAtPercentile(Math.min(100, (100 * Math.max(rank, 1)) / this.completed)) / 1000
    );
  }

  latency(): LatencyPercentiles {
    return {
      p50: this.percentileMs(50),
      p90: this.percentileMs(90),
      p95: this.percentileMs(95),
      p99: this.percentileMs(99),
      p999: this.percentileMs(99.9),
      max: this.completed === 0 ? null : this.#histogram.maxValue / 1000,
    };
  }

  /**
   * Scores every objective over `seconds` of time. When load was meant to run but nothing was
   * answered, every objective is unmet: no data is never a pass.
   */
  evaluate(seconds: number, loadActive: boolean): ObjectiveResult[] {
    let latencyIndex = 0;
    const silent = loadActive && this.completed === 0;
    return this.objectives.map((o): ObjectiveResult => {
      const valid = this.valid;
      if ('latency' in o) {
        const value = this.percentileMs(o.latency.percentile);
        const bad = (this.slow[latencyIndex++] ?? 0) + (valid - this.completed);
        return {
          objective: o.name,
          kind: 'latency',
          met: !silent && (valid === 0 || (value !== null && value < o.latency.below)),
          value,
          bad,
        };
      }
      if ('success' in o) {
        const value = valid === 0 ? null : this.good / valid;
        return {
          objective: o.name,
          kind: 'success',
          met: !silent && (value === null || value >= o.success['at-least']),
          value,
          bad: valid - this.good,
        };
      }
      if ('errors' in o) {
        const value = valid === 0 ? null : (valid - this.good) / valid;
        return {
          objective: o.name,
          kind: 'errors',
          met: !silent && (value === null || value < o.errors.below),
          value,
          bad: valid - this.good,
        };
      }
      // Judged per window from saturation readings (saturation-results.ts); a tally holds none.
      if ('saturation' in o) return { objective: o.name, kind: 'saturation', met: true, value: null };
      const value = seconds > 0 ? this.good / seconds : null;
      return {
        objective: o.name,
        kind: 'throughput',
        met: !silent && (!loadActive || (value ?? 0) >= o.throughput['at-least']),
        value,
      };
    });
  }

  reset(): void {
    this.intended =
      this.completed =
      this.good =
      this.httpErrors =
      this.timeouts =
      this.connectionErrors =
      this.shortfall =
        0;
    this.slow.fill(0);
    this.#histogram.reset();
  }
}

/** The share of events an objective allows to be bad: 1 − target (latency: 1 − percentile/100). */
export function allowedBadShare(objective: ObjectiveSpec): number | undefined {
  if ('latency' in objective) return 1 - objective.latency.percentile / 100;
  if ('success' in objective) return 1 - objective.success['at-least'];
  if ('errors' in objective) return objective.errors.below;
  return undefined;
}
