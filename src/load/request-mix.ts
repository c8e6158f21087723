/**
 * Smooth weighted round robin (as nginx does it): over any stretch of sends each request appears
 * in proportion to its weight, interleaved rather than in runs. Deterministic.
 */
export class RequestMix {
  readonly #weights: number[];
  readonly #current: number[];
  readonly #total: number;

  constructor(weights: readonly number[]) {
    if (weights.length === 0 || weights.some((w) => !(w > 0)))
      throw new Error('RequestMix needs positive weights');
    this.#weights = [...weights];
    this.#current = weights.map(() => 0);
    this.#total = weights.reduce((a, b) => a + b, 0);
  }

  /** Index of the next request to send. */
  next(): number {
    let best = 0;
    for (let i = 0; i < this.#weights.length; i++) {
      this.#current[i] = (this.#current[i] ?? 0) + (this.#weights[i] ?? 0);
      if ((this.#current[i] ?? 0) > (this.#current[best] ?? 0)) best = i;
    }
    this.#current[best] = (this.#current[best] ?? 0) - this.#total;
    return best;
  }
}
