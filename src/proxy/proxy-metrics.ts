import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { TrafficCounters } from './traffic-counters.ts';

/** Which metrics /metrics serves, as Toxiproxy's `-proxy-metrics` and `-runtime-metrics`. */
export interface MetricsOptions {
  /** `toxiproxy_proxy_received_bytes_total` and `toxiproxy_proxy_sent_bytes_total`. */
  readonly proxyMetrics?: boolean;
  /** The process's own metrics (CPU, memory, event loop, GC: prom-client's defaults). */
  readonly runtimeMetrics?: boolean;
}

const LABELS = ['direction', 'proxy', 'listener', 'upstream'] as const;

/**
 * The Prometheus registry behind `/metrics`, or undefined when neither kind is enabled (then the
 * path is unknown, as on Toxiproxy). The byte counters are read from `traffic` at scrape time,
 * labelled `direction` (upstream: client → server, downstream: server → client), `proxy`,
 * `listener` and `upstream`.
 */
export function createMetricsRegistry(
  options: MetricsOptions,
  traffic: TrafficCounters,
): Registry | undefined {
  if (!options.proxyMetrics && !options.runtimeMetrics) return undefined;
  const registry = new Registry();
  if (options.runtimeMetrics) collectDefaultMetrics({ register: registry });
  if (!options.proxyMetrics) return registry;
  const counter = (name: string, help: string, pick: 'received' | 'sent') =>
    new Counter({
      name,
      help,
      labelNames: LABELS,
      registers: [registry],
      collect() {
        this.reset();
        for (const series of traffic.all()) {
          for (const direction of ['upstream', 'downstream'] as const) {
            const labels = {
              direction,
              proxy: series.proxy,
              listener: series.listener,
              upstream: series.upstream,
            };
            this.inc(labels, series.counts[direction][pick]);
          }
        }
      },
    });
  counter(
    'toxiproxy_proxy_received_bytes_total',
    'The total bytes received from the source, per proxy and direction',
    'received',
  );
  counter(
    'toxiproxy_proxy_sent_bytes_total',
    'The total bytes sent to the destination, per proxy and direction',
    'sent',
  );
  return registry;
}
