import type { TargetKind } from '../experiment/model.ts';
import type { ResolvedTarget } from '../faults/fault-provider.ts';
import type { SaturationReading } from '../slo/saturation-buffer.ts';

/** One reading of one member, on the clock the watch was given (ms). */
export type MemberReading = Omit<SaturationReading, 'target' | 'member'>;

/** A running reader of one member's saturation. */
export interface SaturationWatch {
  /** Stops reading and releases every socket, stream and timer it holds. Idempotent; never throws. */
  close(): Promise<void>;
}

/**
 * The port a run reads saturation through, one per target kind that can report it (containers,
 * processes). `watch` starts reading one member (a container id, a process group id) and hands
 * each reading to `emit`, stamped with `now()`, until closed. It throws when it cannot start
 * (the member is gone); once started, a gap in readings is left as a gap (a window without one
 * misses its saturation objectives).
 */
export interface SaturationSource {
  readonly targetKind: TargetKind;
  watch(
    memberId: string,
    emit: (reading: MemberReading) => void,
    now: () => number,
    /** The target the member belongs to (a container target names its engine in its spec). */
    target?: ResolvedTarget,
  ): Promise<SaturationWatch>;
}
