import { performance } from 'node:perf_hooks';
import type { Clock } from '../timeline/clock.ts';

/** The real monotonic clock (performance.now), with abortable sleeps. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleepUntil(atMs, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, atMs - performance.now()),
      );
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
