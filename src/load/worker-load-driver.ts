import type { Worker } from 'node:worker_threads';
import { RunFailedError } from '../errors/faultline-error.ts';
import { startWorker } from '../runtime/start-worker.ts';
import { epochNow, threadDelays } from '../runtime/thread-delay.ts';
import type { SampleSink } from '../slo/sample-sink.ts';
import type { WindowSource } from '../slo/window-recorder.ts';
import { preflightLoadTarget } from './autocannon-driver.ts';
import type { LoadDriver, LoadObserver, LoadPlan, LoadRun, LoadTotals } from './load-driver.ts';
import type { FromLoadWorker, LoadWorkerData, ToLoadWorker } from './load-worker.ts';
import { replaySamples } from './sample-batch.ts';

const WORKER_FILE = new URL(
  `./load-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

/** How many workers a plan runs on: `plan.workers`, never more than a closed model's connections. */
export function workerCount(plan: LoadPlan): number {
  const wanted = Math.max(1, plan.workers ?? 1);
  return plan.model.kind === 'closed' ? Math.min(wanted, plan.model.connections) : wanted;
}

/**
 * Generates the load in worker threads, so nothing the main thread does (fault actions, Docker
 * calls, scoring, printing) can delay a request or its measurement. Worker i of N takes request
 * n of the schedule when n mod N = i (closed model: its share of the connections) and streams
 * its samples back in batches with a watermark; a sink that takes sources (WindowRecorder) gets
 * one per worker, so windows close only once every worker is past them. `preflight` also starts
 * the workers, so the load begins on time when `start` is called; `start` alone starts them late.
 */
export class WorkerLoadDriver implements LoadDriver {
  #prepared: { plan: LoadPlan; workers: Promise<Worker[]> } | undefined;

  async preflight(plan: LoadPlan): Promise<void> {
    await preflightLoadTarget(plan);
    await this.prepare(plan);
  }

  /** Starts the plan's workers and waits until they are loaded (preflight without the probe). */
  async prepare(plan: LoadPlan): Promise<void> {
    await this.#workers(plan);
  }

  start(plan: LoadPlan, sink: SampleSink, now: () => number, observer?: LoadObserver): LoadRun {
    const originEpochMs = epochNow() - now();
    const workers = this.#workers(plan);
    this.#prepared = undefined;
    let stopping = false;
    const done = workers.then((list) =>
      Promise.all(
        list.map((worker, i) => {
          const source = sourceFor(sink);
          return new Promise<LoadTotals>((resolve, reject) => {
            worker.on('message', (m: FromLoadWorker) => {
              if (m.type === 'batch') {
                replaySamples(m.samples, source, observer);
                source.advance?.(m.watermark);
                if (m.delay) threadDelays.report({ thread: `load-${i + 1}`, ...m.delay });
              } else if (m.type === 'done') {
                source.end?.();
                resolve(m.totals);
                void worker.terminate();
              }
            });
            worker.once('error', (e) => reject(workerFailed(i, e)));
            worker.once('exit', () => reject(workerFailed(i, new Error('exited before its totals'))));
            worker.ref();
            worker.postMessage({ type: stopping ? 'stop' : 'start', originEpochMs } satisfies ToLoadWorker);
          });
        }),
      ).then(sum),
    );
    done.catch(() => undefined);
    return {
      done,
      stop: async () => {
        stopping = true;
        for (const w of await workers) w.postMessage({ type: 'stop' } satisfies ToLoadWorker);
        return done;
      },
    };
  }

  #workers(plan: LoadPlan): Promise<Worker[]> {
    if (this.#prepared?.plan !== plan) {
      // Workers made ready for another plan (a session's preflight, before a capacity level) are
      // never started: end them rather than leave idle threads behind.
      void this.#prepared?.workers
        .then((list) => list.forEach((w) => void w.terminate()))
        .catch(() => undefined);
      const n = workerCount(plan);
      const list = Array.from({ length: n }, (_, index) =>
        startWorker(WORKER_FILE, { plan, slice: { index, of: n } } satisfies LoadWorkerData),
      );
      const ready = Promise.all(
        list.map(
          (w, i) =>
            new Promise<Worker>((resolve, reject) => {
              w.unref();
              w.once('message', () => resolve(w));
              w.once('error', (e) => reject(workerFailed(i, e)));
            }),
        ),
      );
      this.#prepared = { plan, workers: ready };
    }
    return this.#prepared.workers;
  }
}

function sourceFor(sink: SampleSink): SampleSink & Partial<Pick<WindowSource, 'advance' | 'end'>> {
  const multi = sink as Partial<{ addSource: () => WindowSource }>;
  return typeof multi.addSource === 'function' ? multi.addSource() : sink;
}

function sum(all: LoadTotals[]): LoadTotals {
  return all.reduce((a, b) => ({
    intended: a.intended + b.intended,
    sent: a.sent + b.sent,
    answered: a.answered + b.answered,
    connectionsOpened: a.connectionsOpened + b.connectionsOpened,
  }));
}

function workerFailed(index: number, error: Error): RunFailedError {
  return new RunFailedError('E_LOAD_WORKER', `load worker ${index + 1} failed: ${error.message}`, {
    hint: 'this is a bug in faultline; the run stopped its load',
  });
}
