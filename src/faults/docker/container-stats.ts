import type { ContainerPort } from './docker-port.ts';

/** One reading of a container's memory counters (its own cgroup and its child cgroups). */
export interface UsageSample {
  /** Memory in use as `docker stats` shows it (usage minus inactive file cache), bytes. */
  readonly memoryBytes: number;
  /** The memory limit `docker stats` shows, bytes. */
  readonly memoryLimit: number;
  /** CPUs the engine reports for the container. */
  readonly onlineCpus: number;
}

/** Reads the counters once (`one-shot`: at most the engine's next collection cycle, ≤ 1 s). */
export async function sampleUsage(container: ContainerPort): Promise<UsageSample> {
  const s = await container.stats({ oneShot: true });
  const raw = s.memory_stats.stats as Partial<Record<string, number>> | undefined;
  const inactive = raw?.total_inactive_file ?? raw?.inactive_file ?? 0;
  return {
    memoryBytes: Math.max(0, (s.memory_stats.usage ?? 0) - inactive),
    memoryLimit: s.memory_stats.limit ?? 0,
    onlineCpus: s.cpu_stats.online_cpus ?? 1,
  };
}

/**
 * CPU use over the engine's last collection interval (about 1 s), in percent of one core
 * (200 = two cores busy): the number `docker stats` shows. Takes 1–2 s (the engine answers on
 * its next collection cycles).
 */
export async function measureCpu(container: ContainerPort): Promise<number> {
  const s = await container.stats({ oneShot: false });
  const cpu = s.cpu_stats.cpu_usage.total_usage - (s.precpu_stats.cpu_usage?.total_usage ?? 0);
  const system = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  return system > 0 && cpu >= 0 ? (100 * cpu * (s.cpu_stats.online_cpus || 1)) / system : 0;
}

/** `123.4 MiB` */
export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/**
 * Takes up to `max` readings and returns the highest, stopping early once one is `enough`. A
 * reading of the engine spans its last collection interval, which may begin before a load was
 * in place, so one low reading is not yet a "no".
 */
export async function bestReading(
  read: () => Promise<number>,
  enough: (value: number) => boolean,
  max: number,
): Promise<{ readonly value: number; readonly readings: number }> {
  let best = Number.NEGATIVE_INFINITY;
  let readings = 0;
  while (readings < Math.max(1, max)) {
    best = Math.max(best, await read());
    readings += 1;
    if (enough(best)) break;
  }
  return { value: best, readings };
}
