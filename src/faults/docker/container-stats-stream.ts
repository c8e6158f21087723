import { setTimeout as sleep } from 'node:timers/promises';
import type { MemberReading, SaturationWatch } from '../../saturation/saturation-source.ts';
import { decodeStats, type ContainerLimits } from './container-stats-decode.ts';
import type { StatsReading } from './docker-port.ts';

/** The engine access a stats watch needs: nothing else of Docker. */
export interface StatsStreamDeps {
  /**
   * The container's streaming stats as readings the port has checked
   * (`ContainerPort.statsStream`), until `signal` aborts.
   */
  readonly openStats: (id: string, signal: AbortSignal) => AsyncIterable<StatsReading>;
  /** Reads the container's limits (`inspect().HostConfig`). */
  readonly readLimits: (id: string) => Promise<ContainerLimits>;
  /** CPUs of the host, used when a message does not say. */
  readonly hostCpus: number;
  /** Wait before reopening a stream that ended or failed (the container stopped or restarted), ms; default 1000. */
  readonly reopenMs?: number;
  /** Limits are read again at most this often (a cpu-limit fault changes them), ms; default 2000. */
  readonly limitsEveryMs?: number;
}

/** Longest wait on close for the open stream to end, ms. */
const CLOSE_MS = 2000;

/**
 * Reads one container's saturation from ONE streaming stats request (the engine sends a message
 * about every second; each carries the previous CPU counters, so no second call is needed).
 * Readings span [now − interval, now]. The limits are re-read from inspect at most every
 * `limitsEveryMs`. A stream that ends or fails while the watch is open is reopened. Throws when
 * the container cannot be inspected at the start. Close aborts the stream and resolves once it
 * has ended (at most 2 s).
 */
export async function watchContainerStats(
  id: string,
  deps: StatsStreamDeps,
  emit: (reading: MemberReading) => void,
  now: () => number,
): Promise<SaturationWatch> {
  let limits = await deps.readLimits(id);
  let limitsAt = now();
  let refreshing = false;
  const stop = new AbortController();

  const refreshLimits = () => {
    if (refreshing || now() - limitsAt < (deps.limitsEveryMs ?? 2000)) return;
    refreshing = true;
    deps
      .readLimits(id)
      .then((fresh) => ((limits = fresh), (limitsAt = now())))
      .catch(() => undefined) // gone or restarting: keep the last known limits
      .finally(() => (refreshing = false));
  };
  const onReading = (message: StatsReading) => {
    const reading = decodeStats(message, limits, deps.hostCpus);
    if (!reading) return;
    const toMs = now();
    emit({
      fromMs: toMs - reading.intervalMs,
      toMs,
      cpuShare: reading.cpuShare,
      memoryBytes: reading.memoryBytes,
      memoryLimitBytes: reading.memoryLimitBytes,
    });
    refreshLimits();
  };
  const pumping = (async () => {
    while (!stop.signal.aborted) {
      try {
        for await (const message of deps.openStats(id, stop.signal)) {
          if (stop.signal.aborted) break;
          onReading(message);
        }
      } catch {
        // Failed (the engine went away, a message that is not a stats reading): reopened as if ended.
      }
      await sleep(deps.reopenMs ?? 1000, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  })();

  return {
    async close() {
      stop.abort();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pumping, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_MS)))]);
      clearTimeout(timer);
    },
  };
}
