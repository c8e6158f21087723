import type { Level, LevelPurpose } from './capacity-level.ts';

/**
 * A simulated service for unit tests of the searches: it holds every rate up to `capacity`
 * req/s; above, good answers stay at `capacity` and the rest time out (or get 503s with
 * `errorsAbove`). Rates in `invalidAt` come back `invalid` (the runner could not drive them),
 * and `flaky` rates fail once. Records every probe.
 */
export class FakeSystem {
  readonly probes: { rate: number; purpose: LevelPurpose }[] = [];
  readonly #flaky: Set<number>;

  constructor(
    readonly capacity: number,
    readonly options: { invalidAt?: (rate: number) => boolean; flaky?: number[]; errorsAbove?: boolean } = {},
  ) {
    this.#flaky = new Set(options.flaky ?? []);
  }

  /** The probe: judges `rate` against the simulated capacity. */
  readonly probe = (rate: number, purpose: LevelPurpose): Promise<Level> => {
    this.probes.push({ rate, purpose });
    const invalid = this.options.invalidAt?.(rate) ?? false;
    const flaky = this.#flaky.delete(rate);
    const holds = rate <= this.capacity && !flaky;
    const good = Math.min(rate, this.capacity);
    const lost = rate - good;
    return Promise.resolve({
      rate,
      purpose,
      outcome: invalid ? 'invalid' : holds ? 'holds' : 'fails',
      brokenBy: invalid || holds ? null : 'p99',
      invalidReason: invalid ? 'send lag p99 80 ms (over 50 ms)' : null,
      offeredRate: rate,
      answeredRate: good,
      goodRate: good,
      p50Ms: holds ? 20 : 400,
      p99Ms: holds ? 40 : null,
      errorShare: this.options.errorsAbove ? lost / rate : 0,
      timeoutShare: this.options.errorsAbove ? 0 : lost / rate,
      refusalShare: 0,
    });
  };
}
