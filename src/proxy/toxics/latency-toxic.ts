import { TimedQueue } from './timed-queue.ts';
import type { ToxicType } from './toxic-type.ts';

/**
 * `latency` {latency ms, jitter ms}: each chunk is released at its arrival + latency + a uniform
 * offset in [−jitter, jitter), measured from arrival, so a steady stream keeps its throughput.
 * Order is kept (a chunk never overtakes the one before it). The chunk's time becomes its release
 * time, so two latency toxics add up. Hostile values are safe: a negative total delay releases at
 * once; a negative jitter counts as 0; huge delays hold the data (bounded by back-pressure).
 */
export const latencyToxic: ToxicType = {
  type: 'latency',
  attributes: ['latency', 'jitter'],
  createStage(attributes, out) {
    const latency = Number.isFinite(attributes.latency) ? (attributes.latency ?? 0) : 0;
    const jitter = Math.max(0, Number.isFinite(attributes.jitter) ? (attributes.jitter ?? 0) : 0);
    const queue = new TimedQueue(out, true);
    return {
      push(chunk) {
        const offset = jitter > 0 ? Math.floor(Math.random() * 2 * jitter) - jitter : 0;
        queue.add(chunk, Math.max(chunk.t + latency + offset, queue.lastDue() ?? -Infinity));
      },
      end: () => queue.end(),
      detach: () => queue.detach(),
      queuedBytes: () => queue.queuedBytes(),
    };
  },
};
