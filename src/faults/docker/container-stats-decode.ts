import type { StatsReading } from './docker-port.ts';

/** A container's limits as `inspect` shows them in HostConfig (0 or absent = unlimited). */
export interface ContainerLimits {
  readonly NanoCpus?: number | undefined;
  readonly CpuQuota?: number | undefined;
  readonly CpuPeriod?: number | undefined;
  readonly CpusetCpus?: string | undefined;
  readonly Memory?: number | undefined;
}

/** One stats reading decoded into saturation figures. */
export interface DecodedStats {
  /** Length of the interval the CPU figure covers (read − preread), ms; 0 for the first message. */
  readonly intervalMs: number;
  /** CPU used over the interval as a share of the CPU limit (else of the host's CPUs); null on the first message. */
  readonly cpuShare: number | null;
  /** Memory in use as `docker stats` shows it: usage minus inactive file cache, bytes. */
  readonly memoryBytes: number | null;
  /** The memory limit from HostConfig.Memory; null when unlimited. */
  readonly memoryLimitBytes: number | null;
}

const ZERO_TIME = /^0001-01-01/;

/** CPUs a container may use: NanoCpus, else CpuQuota ÷ CpuPeriod, else its cpuset, else `hostCpus`. */
export function cpuLimit(limits: ContainerLimits, hostCpus: number): number {
  if ((limits.NanoCpus ?? 0) > 0) return (limits.NanoCpus ?? 0) / 1e9;
  if ((limits.CpuQuota ?? 0) > 0) return (limits.CpuQuota ?? 0) / ((limits.CpuPeriod ?? 0) || 100_000);
  const cpuset = cpusetSize(limits.CpusetCpus ?? '');
  return cpuset > 0 ? Math.min(cpuset, hostCpus) : hostCpus;
}

/** `0-2,5` → 4. */
function cpusetSize(text: string): number {
  return text
    .split(',')
    .filter((part) => part.trim() !== '')
    .reduce((n, part) => {
      const [from, to] = part.split('-').map(Number);
      return n + (to === undefined ? 1 : (to ?? 0) - (from ?? 0) + 1);
    }, 0);
}

/**
 * Decodes one reading of a streaming `GET /containers/{id}/stats` (checked by the port) into
 * saturation figures. Returns undefined for a reading with no figures (a stopped container's
 * zeroed message). CPU is the engine's own
 * formula (`docker stats`): Δ container usage ÷ Δ host usage × online CPUs gives the cores used,
 * divided by the CPUs the container may use. Memory is usage minus inactive file cache: the
 * `total_inactive_file` counter on cgroup v1, `inactive_file` on v2.
 */
export function decodeStats(
  message: StatsReading,
  limits: ContainerLimits,
  hostCpus: number,
): DecodedStats | undefined {
  if (message.read === undefined || ZERO_TIME.test(message.read)) return undefined;
  const cpu = message.cpu_stats;
  const pre = message.precpu_stats;
  const onlineCpus = cpu.online_cpus || cpu.cpu_usage.percpu_usage?.length || hostCpus;
  const first = message.preread === undefined || ZERO_TIME.test(message.preread);
  const intervalMs = first ? 0 : Date.parse(message.read) - Date.parse(message.preread ?? '');
  let cpuShare: number | null = null;
  const usageDelta = cpu.cpu_usage.total_usage - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  if (!first && (pre.system_cpu_usage ?? 0) > 0 && systemDelta > 0 && usageDelta >= 0) {
    const cores = (usageDelta / systemDelta) * onlineCpus;
    cpuShare = cores / cpuLimit(limits, onlineCpus);
  }
  const usage = message.memory_stats.usage;
  const stats = message.memory_stats.stats ?? {};
  const inactive = stats.total_inactive_file ?? stats.inactive_file ?? 0;
  const memoryBytes = usage === undefined ? null : inactive < usage ? usage - inactive : usage;
  const limit = limits.Memory ?? 0;
  return { intervalMs, cpuShare, memoryBytes, memoryLimitBytes: limit > 0 ? limit : null };
}
