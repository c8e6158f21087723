import type { Clock } from './clock.ts';

/**
 * A clock for tests: time moves only when `advance` is called, and sleepers wake in time order.
 * Never sleeps for real.
 */
export class FakeClock implements Clock {
  #now: number;
  #sleepers: { atMs: number; wake: () => void }[] = [];

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void> {
    if (atMs <= this.#now) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const sleeper = { atMs, wake: resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves time forward by `ms`, waking sleepers in order and letting their work run. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await flush();
      this.#sleepers.sort((a, b) => a.atMs - b.atMs);
      const next = this.#sleepers[0];
      if (!next || next.atMs > target) break;
      this.#sleepers.shift();
      this.#now = next.atMs;
      next.wake();
    }
    this.#now = target;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
