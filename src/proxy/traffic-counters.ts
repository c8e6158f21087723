import type { Direction } from './toxic-record.ts';

/** Bytes one direction of a proxy has read from its source and written to its destination. */
export interface ByteCounts {
  received: number;
  sent: number;
}

/** One series of the byte counters: a proxy under one listen/upstream pair, per direction. */
export interface TrafficSeries {
  readonly proxy: string;
  readonly listener: string;
  readonly upstream: string;
  readonly counts: Readonly<Record<Direction, ByteCounts>>;
}

/**
 * Byte totals of every proxy of a server, kept per (proxy, listener, upstream) as Toxiproxy's
 * Prometheus counters are labelled. Links add to the plain numbers of their series once per chunk,
 * so counting costs the data path two additions; the totals only grow, and outlive the proxy.
 */
export class TrafficCounters {
  private readonly series = new Map<string, TrafficSeries>();

  /** The counts to add to for a proxy listening on `listener` in front of `upstream`. */
  seriesFor(proxy: string, listener: string, upstream: string): TrafficSeries {
    const key = JSON.stringify([proxy, listener, upstream]);
    let found = this.series.get(key);
    if (!found) {
      found = {
        proxy,
        listener,
        upstream,
        counts: { upstream: { received: 0, sent: 0 }, downstream: { received: 0, sent: 0 } },
      };
      this.series.set(key, found);
    }
    return found;
  }

  /** Every series so far, in creation order. */
  all(): readonly TrafficSeries[] {
    return [...this.series.values()];
  }
}
