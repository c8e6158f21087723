import { availableParallelism } from 'node:os';
import type { LoadSpec } from '../experiment/model.ts';
import type { LoadPlan } from '../load/load-driver.ts';

/** Most connections the open model opens when the experiment does not say (`max-connections`). */
const DEFAULT_MAX_CONNECTIONS = 1000;

/** Requests per second one load worker is given by default. */
const RATE_PER_WORKER = 10_000;

/**
 * The load driver's plan for an experiment's `load:`. The open model's default pool is enough to
 * keep the peak rate going even when every request takes the whole timeout (rate × timeout).
 */
export function loadPlanFor(load: LoadSpec): LoadPlan {
  const peak = Math.max(load.rate ?? 0, ...load.stages.map((s) => s.rate));
  const workers =
    load.workers ??
    (load.connections !== undefined
      ? 1
      : Math.max(1, Math.min(availableParallelism(), Math.ceil(peak / RATE_PER_WORKER))));
  const base = {
    url: load.url,
    requests: load.requests,
    durationMs: load.duration,
    timeoutMs: load.timeout,
    workers,
  };
  if (load.connections !== undefined)
    return { ...base, model: { kind: 'closed', connections: load.connections } };
  const needed = Math.ceil((peak * load.timeout) / 1000) + 8;
  const maxConnections = load['max-connections'] ?? Math.min(DEFAULT_MAX_CONNECTIONS, needed);
  return { ...base, model: { kind: 'open', rate: load.rate ?? 0, stages: load.stages, maxConnections } };
}

/** One line describing the load model, for journals and summaries. */
export function describeLoad(plan: LoadPlan): string {
  const on = (plan.workers ?? 1) > 1 ? `, ${plan.workers} worker threads` : '';
  return (
    (plan.model.kind === 'closed'
      ? `closed model, ${plan.model.connections} connections`
      : `open model, ${plan.model.rate} req/s${plan.model.stages.length ? ` then ${plan.model.stages.map((s) => `${s.rate} req/s over ${s.for} ms`).join(', ')}` : ''}, up to ${plan.model.maxConnections} connections`) +
    on
  );
}
