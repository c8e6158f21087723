import { TimedQueue } from './timed-queue.ts';
import type { ToxicType } from './toxic-type.ts';

/** Pieces of a chunk larger than rate × this many ms are sent separately (Toxiproxy: 100 ms). */
const SLICE_MS = 100;

/**
 * `bandwidth` {rate KB/s, 1 KB = 1000 B}: limits this link to `rate` bytes per ms. Each chunk is
 * sent once its bytes have "drained" at that rate after the previous one (store and forward);
 * chunks larger than rate × 100 B go out in rate × 100 B pieces, one per 100 ms. A rate of 0 or
 * below (Toxiproxy 2.12 crashes on < 0) stalls the data until the toxic is updated or removed;
 * the stalled bytes then move on in order.
 */
export const bandwidthToxic: ToxicType = {
  type: 'bandwidth',
  attributes: ['rate'],
  createStage(attributes, out) {
    const rate = attributes.rate ?? 0;
    const queue = new TimedQueue(out);
    const sliceBytes = Number.isFinite(rate) && rate > 0 ? Math.max(1, Math.floor(rate * SLICE_MS)) : 0;
    let busyUntil = 0;
    return {
      push(chunk) {
        if (sliceBytes === 0) return queue.add(chunk, Infinity);
        for (let offset = 0; offset < chunk.data.length; offset += sliceBytes) {
          const data = chunk.data.subarray(offset, offset + sliceBytes);
          busyUntil = Math.max(busyUntil, performance.now()) + data.length / rate;
          queue.add({ data, t: chunk.t }, busyUntil);
        }
      },
      end: () => queue.end(),
      detach: () => queue.detach(),
      queuedBytes: () => queue.queuedBytes(),
    };
  },
};
