import type { TargetSaturation } from './window-summary.ts';

/** One reading of one target member over [fromMs, toMs] on the reader's clock. */
export interface SaturationReading {
  readonly target: string;
  readonly member: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** CPU used over [fromMs, toMs] as a share of the member's limit (or of the host); null if unknown. */
  readonly cpuShare: number | null;
  /** Memory in use at `toMs`, bytes; null if unknown. */
  readonly memoryBytes: number | null;
  /** The member's memory limit at `toMs`, bytes; null when unlimited or unknown. */
  readonly memoryLimitBytes: number | null;
}

/** How long readings are kept behind the newest window asked for, ms. */
const KEEP_MS = 60_000;

/**
 * Readers report about once a second (Docker) or every 500 ms (`/proc`): a window shorter than
 * that (the last, partial window of a run) may see no reading of its own, and then takes the
 * latest one that ended at most this long before it started, ms.
 */
const SHORT_WINDOW_CARRY_MS = 1000;

/**
 * Keeps recent readings of known members and folds them into per-window saturation. A window
 * takes every reading whose interval overlaps it: CPU is the overlap-weighted average (CPU is a
 * rate: the share of the window spent busy), memory the highest reading (memory is a level: the
 * peak is what meets a limit), its share the highest bytes ÷ limit. A member with no overlapping
 * reading gets nulls, which saturation objectives count as a miss (a window shorter than a reader's
 * period takes the reading just before it instead). Memory stays bounded: readings
 * older than a minute before the last window asked for are dropped.
 */
export class SaturationBuffer {
  readonly #members: readonly { readonly target: string; readonly member: string }[];
  #readings: SaturationReading[] = [];

  constructor(members: readonly { readonly target: string; readonly member: string }[]) {
    this.#members = members;
  }

  add(reading: SaturationReading): void {
    this.#readings.push(reading);
  }

  /** Saturation of every known member over [startMs, endMs), in member order. */
  window(startMs: number, endMs: number): TargetSaturation[] {
    this.#readings = this.#readings.filter((r) => r.toMs >= startMs - KEEP_MS);
    return this.#members.map(({ target, member }) => {
      const own = this.#readings.filter((r) => r.target === target && r.member === member);
      let overlapping = own.filter((r) => r.toMs > startMs && r.fromMs < endMs);
      if (overlapping.length === 0 && endMs - startMs < SHORT_WINDOW_CARRY_MS) {
        const latest = own.filter((r) => r.toMs > startMs - SHORT_WINDOW_CARRY_MS).at(-1);
        // Carried over as if it covered the window: the reader's last word before it.
        overlapping = latest ? [{ ...latest, fromMs: startMs, toMs: endMs }] : [];
      }
      let busy = 0;
      let covered = 0;
      let memoryBytes: number | null = null;
      let memoryShare: number | null = null;
      for (const r of overlapping) {
        const overlap = Math.min(r.toMs, endMs) - Math.max(r.fromMs, startMs);
        if (r.cpuShare !== null && overlap > 0) {
          busy += r.cpuShare * overlap;
          covered += overlap;
        }
        if (r.memoryBytes !== null) {
          memoryBytes = Math.max(memoryBytes ?? 0, r.memoryBytes);
          if (r.memoryLimitBytes !== null && r.memoryLimitBytes > 0)
            memoryShare = Math.max(memoryShare ?? 0, r.memoryBytes / r.memoryLimitBytes);
        }
      }
      return { target, member, cpuShare: covered > 0 ? busy / covered : null, memoryBytes, memoryShare };
    });
  }
}
