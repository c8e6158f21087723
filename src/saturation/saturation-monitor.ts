import type { ResolvedTarget } from '../faults/fault-provider.ts';
import { SaturationBuffer } from '../slo/saturation-buffer.ts';
import type { TargetSaturation } from '../slo/window-summary.ts';
import type { SaturationSource, SaturationWatch } from './saturation-source.ts';

/** The saturation of a run's targets, read for as long as it is open. */
export interface SaturationMonitor {
  /** Every watched member's saturation over [startMs, endMs) on the monitor's clock. */
  window(startMs: number, endMs: number): TargetSaturation[];
  /** Stops every reader (streams, timers); idempotent, never throws. */
  close(): Promise<void>;
}

/**
 * Starts one reader per member of every target whose kind has a source (containers, processes),
 * all at once. A member whose reader cannot start is reported through `note` and has no readings,
 * so its saturation objectives miss. Readings are stamped with `now` (an absolute clock, so a
 * monitor opened before load start keeps one time scale).
 */
export async function openSaturationMonitor(
  targets: readonly ResolvedTarget[],
  sources: readonly SaturationSource[],
  now: () => number,
  note: (message: string) => void,
): Promise<SaturationMonitor> {
  const jobs = targets.flatMap((target) => {
    const source = sources.find((s) => s.targetKind === target.kind);
    return source ? target.members.map((m) => ({ target: target.name, member: m, source })) : [];
  });
  const buffer = new SaturationBuffer(jobs.map((j) => ({ target: j.target, member: j.member.label })));
  const opened = await Promise.all(
    jobs.map(({ target, member, source }) =>
      source
        .watch(member.id, (r) => buffer.add({ target, member: member.label, ...r }), now)
        .catch((error: unknown): SaturationWatch | undefined => {
          note(
            `saturation: cannot read ${target} (${member.label}): ${error instanceof Error ? error.message : String(error)}; its saturation objectives will miss`,
          );
          return undefined;
        }),
    ),
  );
  let closing: Promise<void> | undefined;
  return {
    window: (startMs, endMs) => buffer.window(startMs, endMs),
    close: () => (closing ??= Promise.allSettled(opened.map((w) => w?.close())).then(() => undefined)),
  };
}
