import { parentPort, workerData } from 'node:worker_threads';
import { EventLoopDelay, epochNow } from '../runtime/thread-delay.ts';
import type { LoadPlan, LoadTotals } from './load-driver.ts';
import { LoadSession, type LoadSlice } from './load-session.ts';
import { SampleBatch, type PackedSamples } from './sample-batch.ts';

/** What the main thread gives a load worker when it starts it. */
export interface LoadWorkerData {
  readonly plan: LoadPlan;
  readonly slice: LoadSlice;
}

/** Main → worker. `originEpochMs`: the wall time (epochNow) at which the run clock reads 0. */
export type ToLoadWorker = { type: 'start'; originEpochMs: number } | { type: 'stop' };

/** Worker → main: `ready` once loaded; batches every FLUSH_MS; `done` with the totals last. */
export type FromLoadWorker =
  | { type: 'ready' }
  | {
      type: 'batch';
      samples: PackedSamples;
      /** Every later sample of this worker is stamped at or after this time (run clock, ms). */
      watermark: number;
      /** This thread's event-loop delay since the last report, when one is due. */
      delay?: { epochMs: number; p99Ms: number };
    }
  | { type: 'done'; totals: LoadTotals };

const FLUSH_MS = 10;
/**
 * A flush this much later than due means the thread did not run meanwhile (the process was
 * stopped or starved): reported at once as a delay that long, before the watermark it carries
 * lets the main thread close the windows the stall covered.
 */
const STALL_MS = 100;
const DELAY_EVERY_MS = 250;

// The worker: one LoadSession on its share of the schedule, its samples streamed to the main
// thread in batches with a watermark, latency measured here from each intended send time.
const port = parentPort;
const data = workerData as LoadWorkerData;
if (port) {
  const post = (message: FromLoadWorker) => port.postMessage(message);
  let session: LoadSession | undefined;
  let stopSession: (() => void) | undefined;
  port.on('message', (message: ToLoadWorker) => {
    if (message.type === 'stop' && !stopSession) {
      // Stopped before it started: nothing was sent.
      post({ type: 'done', totals: { intended: 0, sent: 0, answered: 0, connectionsOpened: 0 } });
      port.close();
    } else if (message.type === 'stop') stopSession?.();
    else if (!session) {
      const now = () => epochNow() - message.originEpochMs;
      const batch = new SampleBatch();
      const delay = new EventLoopDelay();
      session = new LoadSession(data.plan, batch, now, data.slice, batch.observer);
      let lastDelay = epochNow();
      let lastFlush = lastDelay;
      const flush = () => {
        const samples = batch.take();
        const message: FromLoadWorker = { type: 'batch', samples, watermark: session?.watermark() ?? now() };
        const t = epochNow();
        const stalledMs = t - lastFlush - FLUSH_MS;
        lastFlush = t;
        if (t - lastDelay >= DELAY_EVERY_MS || stalledMs >= STALL_MS) {
          message.delay = { epochMs: t, p99Ms: Math.max(delay.take(), stalledMs) };
          lastDelay = t;
        }
        port.postMessage(message, [samples.events.buffer as ArrayBuffer]);
      };
      const flusher = setInterval(flush, FLUSH_MS);
      const run = session.run();
      stopSession = run.stop;
      void run.done.then((totals) => {
        clearInterval(flusher);
        flush();
        delay.stop();
        post({ type: 'done', totals });
        port.close();
      });
    }
  });
  post({ type: 'ready' });
}
