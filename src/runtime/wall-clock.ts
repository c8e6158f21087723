import type { Clock } from '../timeline/clock.ts';

/** Longest single timer Node allows; longer sleeps are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The real wall clock (ms since the epoch, Date.now), with abortable sleeps: what cron schedules
 * are computed against. Tests use a FakeClock started at an epoch time instead.
 */
export const wallClock: Clock = {
  now: () => Date.now(),
  async sleepUntil(atMs, signal) {
    while (Date.now() < atMs) {
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.min(MAX_TIMER_MS, Math.max(0, atMs - Date.now())),
        );
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  },
};
