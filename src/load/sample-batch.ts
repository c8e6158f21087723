import type { SampleSink, ShortfallKind } from '../slo/sample-sink.ts';
import type { LoadObserver } from './load-driver.ts';

const INTENDED = 0;
const RESPONSE = 1;
const TIMEOUT = 2;
const ERROR = 3;
const SHORTFALL = 4;
const SENT = 5;
const FIELDS = 4;

/** A run of samples packed for postMessage: 4 numbers per event, texts by index. */
export interface PackedSamples {
  readonly events: Float64Array;
  readonly texts: readonly string[];
}

/**
 * Collects a load worker's samples (as its SampleSink) and send lags (as its observer's `sent`)
 * into a compact batch; `take()` hands the batch over and starts a new one. Order is kept.
 */
export class SampleBatch implements SampleSink {
  #events: number[] = [];
  #texts: string[] = [];

  intended(atMs: number, count: number): void {
    this.#events.push(INTENDED, atMs, count, 0);
  }
  response(atMs: number, latencyUs: number, status: number): void {
    this.#events.push(RESPONSE, atMs, latencyUs, status);
  }
  timeout(atMs: number): void {
    this.#events.push(TIMEOUT, atMs, 0, 0);
  }
  error(atMs: number, reason: string): void {
    this.#events.push(ERROR, atMs, this.#texts.push(reason) - 1, 0);
  }
  shortfall(atMs: number, count: number, kind: ShortfallKind = 'outage'): void {
    this.#events.push(SHORTFALL, atMs, count, kind === 'generator' ? 1 : 0);
  }
  /** The observer half: shortfall already travels as a sample, so only send lags are added. */
  readonly observer: LoadObserver = {
    sent: (atMs, lagUs) => void this.#events.push(SENT, atMs, lagUs, 0),
    shortfall: () => undefined,
  };

  take(): PackedSamples {
    const packed = { events: Float64Array.from(this.#events), texts: this.#texts };
    this.#events = [];
    this.#texts = [];
    return packed;
  }
}

/** Replays a packed batch, in order, into a sink and (send lags, shortfall) an observer. */
export function replaySamples(packed: PackedSamples, sink: SampleSink, observer?: LoadObserver): void {
  const e = packed.events;
  for (let i = 0; i + FIELDS <= e.length; i += FIELDS) {
    const at = e[i + 1] ?? 0;
    const a = e[i + 2] ?? 0;
    const b = e[i + 3] ?? 0;
    switch (e[i]) {
      case INTENDED:
        sink.intended(at, a);
        break;
      case RESPONSE:
        sink.response(at, a, b);
        break;
      case TIMEOUT:
        sink.timeout(at);
        break;
      case ERROR:
        sink.error(at, packed.texts[a] ?? 'error');
        break;
      case SHORTFALL: {
        const kind: ShortfallKind = b === 1 ? 'generator' : 'outage';
        sink.shortfall(at, a, kind);
        observer?.shortfall(at, a, kind);
        break;
      }
      case SENT:
        observer?.sent(at, a);
        break;
    }
  }
}
