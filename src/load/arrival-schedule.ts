/**
 * When each request of an open-model load is due. The rate starts at `rate` and each stage
 * ramps linearly to its own rate over its `for` (k6's ramping arrival rate); after the last
 * stage the rate holds. Request n (from 0) is due when the expected count reaches n + ½, so a
 * constant rate r spaces requests exactly 1/r apart: evenly paced, never in bursts.
 */
interface Segment {
  readonly t0: number;
  readonly n0: number;
  readonly from: number;
  readonly to: number;
  readonly length: number;
}

export class ArrivalSchedule {
  readonly #segments: Segment[] = [];

  /** @param rate requests/s at t=0; @param stages ramps, `for` in ms, `rate` in requests/s. */
  constructor(rate: number, stages: readonly { for: number; rate: number }[]) {
    let t0 = 0;
    let n0 = 0;
    let from = rate;
    for (const stage of stages) {
      this.#segments.push({ t0, n0, from, to: stage.rate, length: stage.for });
      n0 += ((from + stage.rate) / 2) * (stage.for / 1000);
      t0 += stage.for;
      from = stage.rate;
    }
    this.#segments.push({ t0, n0, from, to: from, length: Infinity });
  }

  /** Requests expected by `tMs`. */
  countAt(tMs: number): number {
    const s = this.#segmentAtTime(tMs);
    const x = (tMs - s.t0) / 1000;
    const slope = s.length === Infinity ? 0 : (s.to - s.from) / (s.length / 1000);
    return s.n0 + s.from * x + (slope * x * x) / 2;
  }

  /** Due time in ms of request `n` (from 0); Infinity when the rate never gets there. */
  dueAt(n: number): number {
    const target = n + 0.5;
    const s = [...this.#segments].reverse().find((seg) => seg.n0 <= target);
    if (!s) return Infinity;
    const need = target - s.n0;
    const slope = s.length === Infinity ? 0 : (s.to - s.from) / (s.length / 1000);
    let x: number;
    if (Math.abs(slope) < 1e-12) x = s.from > 0 ? need / s.from : Infinity;
    else {
      const disc = s.from * s.from + 2 * slope * need;
      x = disc < 0 ? Infinity : (-s.from + Math.sqrt(disc)) / slope;
    }
    const t = s.t0 + x * 1000;
    return x >= 0 && x * 1000 <= s.length + 1e-6 ? t : Infinity;
  }

  /** The rate (requests/s) at `tMs`. */
  rateAt(tMs: number): number {
    const s = this.#segmentAtTime(tMs);
    return s.length === Infinity ? s.from : s.from + ((s.to - s.from) * (tMs - s.t0)) / s.length;
  }

  #segmentAtTime(tMs: number): Segment {
    const found = this.#segments.find((s) => tMs < s.t0 + s.length);
    return found ?? (this.#segments[this.#segments.length - 1] as Segment);
  }
}
