import type { ResolvedTarget } from '../faults/fault-provider.ts';
import { SaturationBuffer } from '../slo/saturation-buffer.ts';
import type { TargetSaturation } from '../slo/window-summary.ts';
import type { SaturationSource, SaturationWatch } from './saturation-source.ts';

/** Longest wait for every member's first CPU reading before the run goes on, ms. */
const FIRST_READING_MS = 3000;

/**
 * A watch that starts within `startMs`, else a rejection; one that starts later is closed at
 * once, so nothing is left open.
 */
function withinTime(starting: Promise<SaturationWatch>, startMs: number): Promise<SaturationWatch> {
  let late = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(new Error(`the reader did not start within ${startMs} ms`));
    }, startMs);
  });
  void starting.then(
    (watch) => (late ? watch.close() : undefined),
    () => undefined,
  );
  return Promise.race([starting, timeout]).finally(() => clearTimeout(timer));
}

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
 * so its saturation objectives miss; so is one that does not start within 5 s. Resolves once every
 * started reader has given its first CPU reading (at most 3 s more), so the first window has one. Readings are stamped with `now` (an absolute clock, so a
 * monitor opened before load start keeps one time scale).
 */
export async function openSaturationMonitor(
  targets: readonly ResolvedTarget[],
  sources: readonly SaturationSource[],
  now: () => number,
  note: (message: string) => void,
  /** Longest wait for a reader to start (an engine that stopped answering), ms; default 5000. */
  startMs = 5000,
): Promise<SaturationMonitor> {
  const jobs = targets.flatMap((target) => {
    const source = sources.find((s) => s.targetKind === target.kind);
    return source
      ? target.members.map((m) => ({ target: target.name, resolved: target, member: m, source }))
      : [];
  });
  const buffer = new SaturationBuffer(jobs.map((j) => ({ target: j.target, member: j.member.label })));
  const timed = new Set<string>();
  const opened = await Promise.all(
    jobs.map(({ target, resolved, member, source }) =>
      withinTime(
        source.watch(
          member.id,
          (r) => {
            buffer.add({ target, member: member.label, ...r });
            if (r.cpuShare !== null) timed.add(`${target}\0${member.id}`);
          },
          now,
          resolved,
        ),
        startMs,
      ).catch((error: unknown): SaturationWatch | undefined => {
        note(
          `saturation: cannot read ${target} (${member.label}): ${error instanceof Error ? error.message : String(error)}; its saturation objectives will miss`,
        );
        return undefined;
      }),
    ),
  );
  // The first CPU figure needs two counter readings (a stream's second message, about 1 s): wait
  // for it, so that the first window of the run is not left without one.
  const expected = opened.filter((w) => w !== undefined).length;
  for (let waited = 0; timed.size < expected && waited < FIRST_READING_MS; waited += 50)
    await new Promise((r) => setTimeout(r, 50));
  let closing: Promise<void> | undefined;
  return {
    window: (startMs, endMs) => buffer.window(startMs, endMs),
    close: () => (closing ??= Promise.allSettled(opened.map((w) => w?.close())).then(() => undefined)),
  };
}
