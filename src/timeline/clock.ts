/**
 * Time as the scheduler and the run see it. `now()` is milliseconds on a monotonic scale;
 * `sleepUntil` resolves when `now() >= atMs` or rejects with the signal's reason when aborted.
 */
export interface Clock {
  now(): number;
  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void>;
}
