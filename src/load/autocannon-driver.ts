import { RunFailedError } from '../errors/faultline-error.ts';
import { probeOnce } from '../runtime/probe.ts';
import type { SampleSink } from '../slo/sample-sink.ts';
import type { LoadDriver, LoadObserver, LoadPlan, LoadRun } from './load-driver.ts';
import { LoadSession } from './load-session.ts';

/** Throws RunFailedError when nothing answers HTTP at the plan's URL. */
export async function preflightLoadTarget(plan: LoadPlan): Promise<void> {
  if (!(await probeOnce(plan.url, 3000, { anyStatus: true }))) {
    throw new RunFailedError('E_LOAD_TARGET', `the load target ${plan.url} does not answer HTTP`, {
      hint: 'start the service, or add it as a process target with a ready URL',
    });
  }
}

/**
 * The autocannon adapter on the calling thread: one LoadSession (see there for the open and
 * closed models, the pool and shortfall) for the whole plan, whatever `plan.workers` says.
 * `faultline run` uses WorkerLoadDriver, which runs these sessions in worker threads.
 */
export class AutocannonDriver implements LoadDriver {
  preflight(plan: LoadPlan): Promise<void> {
    return preflightLoadTarget(plan);
  }

  start(plan: LoadPlan, sink: SampleSink, now: () => number, observer?: LoadObserver): LoadRun {
    const session = new LoadSession(plan, sink, now, { index: 0, of: 1 }, observer);
    const { done, stop } = session.run();
    return { done, stop: async () => (stop(), done) };
  }
}
