import { performance } from 'node:perf_hooks';
import type { LoadPlan, LoadTotals } from '../../src/load/load-driver.ts';
import { WorkerLoadDriver } from '../../src/load/worker-load-driver.ts';
import { WindowRecorder } from '../../src/slo/window-recorder.ts';

/** An open-model plan against `url`: GET / at `rate` req/s for `seconds`. */
export function openPlan(
  url: string,
  rate: number,
  seconds: number,
  extra: Partial<LoadPlan> = {},
): LoadPlan {
  return {
    url,
    requests: [{ method: 'GET', path: '/', weight: 1 }],
    model: { kind: 'open', rate, stages: [], maxConnections: 50 },
    durationMs: seconds * 1000,
    timeoutMs: 1000,
    ...extra,
  };
}

/**
 * Runs `plan` with the worker driver into a real WindowRecorder (1 s windows, a p99 < 100 ms
 * objective), as `faultline run` does; `during` runs on the main thread while the load runs.
 */
export async function runLoad(
  plan: LoadPlan,
  options: {
    /** false: skip the HTTP probe of the target (the workers are still started first). */
    preflight?: boolean;
    during?: (now: () => number) => void;
  } = {},
): Promise<{ recorder: WindowRecorder; totals: LoadTotals }> {
  const recorder = new WindowRecorder({
    windowMs: 1000,
    objectives: [{ name: 'p99', latency: { percentile: 99, below: 100 } }],
    openModel: plan.model.kind === 'open',
    classify: () => ({ phase: 'baseline', activeFaults: [] }),
  });
  const driver = new WorkerLoadDriver();
  if (options.preflight !== false) await driver.preflight(plan);
  else await driver.prepare(plan);
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const ticker = setInterval(() => recorder.closeUntil(now()), 50);
  try {
    const run = driver.start(plan, recorder, now);
    options.during?.(now);
    const totals = await run.done;
    recorder.finish(plan.durationMs);
    return { recorder, totals };
  } finally {
    clearInterval(ticker);
  }
}
