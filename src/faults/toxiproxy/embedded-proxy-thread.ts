import { parentPort, workerData } from 'node:worker_threads';
import { startProxyServer } from '../../proxy/proxy-server.ts';
import { EventLoopDelay, epochNow } from '../../runtime/thread-delay.ts';

/** What the thread is started with (its workerData). */
export interface ProxyThreadData {
  /** Serve Prometheus /metrics (proxy and runtime metrics). */
  readonly metrics: boolean;
}

/** Main → proxy thread. */
export type ToProxyThread = { type: 'close' };

/** Proxy thread → main: its API URL once listening (or why not), delays, then `closed`. */
export type FromProxyThread =
  | { type: 'ready'; url: string }
  | { type: 'failed'; message: string }
  | { type: 'delay'; epochMs: number; p99Ms: number }
  | { type: 'closed' };

const DELAY_EVERY_MS = 250;

// The embedded proxy (src/proxy, unchanged) on its own event loop: 127.0.0.1, an ephemeral API port.
const port = parentPort;
if (port) {
  const post = (m: FromProxyThread) => port.postMessage(m);
  const delay = new EventLoopDelay();
  const reporter = setInterval(
    () => post({ type: 'delay', epochMs: epochNow(), p99Ms: delay.take() }),
    DELAY_EVERY_MS,
  );
  const { metrics } = (workerData ?? { metrics: false }) as ProxyThreadData;
  startProxyServer({ host: '127.0.0.1', port: 0, proxyMetrics: metrics, runtimeMetrics: metrics }).then(
    (server) => {
      post({ type: 'ready', url: server.url });
      port.on('message', (m: ToProxyThread) => {
        if (m.type !== 'close') return;
        clearInterval(reporter);
        delay.stop();
        void server.close().finally(() => {
          post({ type: 'closed' });
          port.close();
        });
      });
    },
    (error: unknown) => {
      clearInterval(reporter);
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      port.close();
    },
  );
}
