import { startWorker } from '../../runtime/start-worker.ts';
import { threadDelays } from '../../runtime/thread-delay.ts';
import type { FromProxyThread, ProxyThreadData, ToProxyThread } from './embedded-proxy-thread.ts';
import type { EmbeddedServer } from './toxiproxy-provider.ts';

const THREAD_FILE = new URL(
  `./embedded-proxy-thread.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Starts the embedded Toxiproxy-compatible proxy in its own worker thread, so nothing the run
 * does on the main thread (fault actions, Docker calls, scoring, printing) delays a proxied byte.
 * Resolves with its API URL; rejects if it cannot listen. Its event-loop delay goes to
 * `threadDelays` as thread `proxy`. With `metrics` it serves Prometheus /metrics too. `close()` closes every listener and connection, then the thread.
 */
export function startEmbeddedProxyWorker(metrics = false): Promise<EmbeddedServer> {
  const worker = startWorker(THREAD_FILE, { metrics } satisfies ProxyThreadData);
  let closed: (() => void) | undefined;
  return new Promise((resolve, reject) => {
    worker.on('message', (m: FromProxyThread) => {
      if (m.type === 'delay') threadDelays.report({ thread: 'proxy', epochMs: m.epochMs, p99Ms: m.p99Ms });
      else if (m.type === 'failed') reject(new Error(`the embedded proxy could not start: ${m.message}`));
      else if (m.type === 'closed') closed?.();
      else if (m.type === 'ready') {
        let closing: Promise<void> | undefined;
        resolve({
          url: m.url,
          close: () =>
            (closing ??= new Promise<void>((done) => {
              const timer = setTimeout(done, CLOSE_TIMEOUT_MS);
              closed = () => (clearTimeout(timer), done());
              worker.once('exit', closed);
              worker.postMessage({ type: 'close' } satisfies ToProxyThread);
            }).then(() => void worker.terminate())),
        });
      }
    });
    worker.once('error', (error) => reject(error));
    worker.once('exit', (code) => reject(new Error(`the embedded proxy thread exited (${code})`)));
  });
}
