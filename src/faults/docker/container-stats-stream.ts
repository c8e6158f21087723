import type { MemberReading, SaturationWatch } from '../../saturation/saturation-source.ts';
import { decodeStats, type ContainerLimits, type EngineStats } from './container-stats-decode.ts';

/** The engine access a stats watch needs: nothing else of Docker. */
export interface StatsStreamDeps {
  /** Opens the engine's streaming stats for a container (`container.stats({ stream: true })`). */
  readonly openStats: (id: string) => Promise<NodeJS.ReadableStream>;
  /** Reads the container's limits (`inspect().HostConfig`). */
  readonly readLimits: (id: string) => Promise<ContainerLimits>;
  /** CPUs of the host, used when a message does not say. */
  readonly hostCpus: number;
  /** Wait before reopening a stream that ended (the container stopped or restarted), ms; default 1000. */
  readonly reopenMs?: number;
  /** Limits are read again at most this often (a cpu-limit fault changes them), ms; default 2000. */
  readonly limitsEveryMs?: number;
}

/**
 * Reads one container's saturation from ONE streaming stats request (the engine sends a message
 * about every second; each carries the previous CPU counters, so no second call is needed).
 * Readings span [now − interval, now]. The limits are re-read from inspect at most every
 * `limitsEveryMs`. A stream that ends while the watch is open is reopened. Throws when the
 * container cannot be inspected or its stream cannot be opened at the start.
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
  let closed = false;
  let stream: NodeJS.ReadableStream | undefined;
  let reopen: NodeJS.Timeout | undefined;

  const refreshLimits = () => {
    if (refreshing || now() - limitsAt < (deps.limitsEveryMs ?? 2000)) return;
    refreshing = true;
    deps
      .readLimits(id)
      .then((fresh) => ((limits = fresh), (limitsAt = now())))
      .catch(() => undefined) // gone or restarting: keep the last known limits
      .finally(() => (refreshing = false));
  };
  const onMessage = (line: string) => {
    let message: EngineStats;
    try {
      message = JSON.parse(line) as EngineStats;
    } catch {
      return;
    }
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
  const open = async () => {
    const opened = await deps.openStats(id);
    if (closed) return void destroy(opened);
    stream = opened;
    let pending = '';
    opened.on('data', (chunk: Buffer | string) => {
      pending += chunk.toString();
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        onMessage(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
    opened.on('error', () => undefined); // followed by close, which reopens
    opened.once('close', () => scheduleReopen(opened));
    opened.once('end', () => scheduleReopen(opened));
  };
  const scheduleReopen = (ended: NodeJS.ReadableStream) => {
    if (closed || stream !== ended) return;
    stream = undefined;
    reopen = setTimeout(() => void open().catch(() => scheduleReopenLater()), deps.reopenMs ?? 1000);
  };
  const scheduleReopenLater = () => {
    if (!closed)
      reopen = setTimeout(() => void open().catch(() => scheduleReopenLater()), deps.reopenMs ?? 1000);
  };

  await open();
  return {
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(reopen);
      if (stream) await destroy(stream);
      stream = undefined;
    },
  };
}

/** Destroys a stream and resolves once it has closed (its socket released), or after 2 s. */
function destroy(stream: NodeJS.ReadableStream): Promise<void> {
  const s = stream as NodeJS.ReadableStream & { destroy?: () => void; destroyed?: boolean; closed?: boolean };
  if (s.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 2000);
    s.once('close', () => (clearTimeout(timer), resolve()));
    s.destroy?.();
  });
}
