import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseProcStat, parseVmRss } from './proc-stat.ts';
import type { MemberReading, SaturationSource, SaturationWatch } from './saturation-source.ts';

/** Settings of the /proc reader; each has a default. */
export interface ProcessSaturationOptions {
  /** How often the group is read, ms (default 500: two readings per second, so 1 s windows always hold one). */
  readonly everyMs?: number;
  /** CPUs the share is taken of (default: the host's, `os.availableParallelism()`). */
  readonly hostCpus?: number;
  /** Clock ticks per second of utime/stime (USER_HZ: 100 on Linux for every mainstream architecture). */
  readonly ticksPerSecond?: number;
  /** Where procfs is mounted (default /proc). */
  readonly procRoot?: string;
}

interface GroupSample {
  /** When the stat files were read (after listing /proc, which can take a while). */
  readonly at: number;
  readonly ticks: ReadonlyMap<number, number>;
  readonly rssBytes: number;
}

/**
 * Process-target saturation from /proc: the member id is the process group the run started (the
 * command and its children). Every `everyMs` it sums utime + stime of the group's processes
 * (Δ ticks ÷ USER_HZ ÷ Δ seconds = cores busy, shared out over the host's CPUs, so 100% = every
 * CPU busy, as for a container without a CPU limit) and their RSS. A process has no memory limit:
 * its memory share is always null. A process that exits between readings loses its last interval.
 */
export function processSaturationSource(options: ProcessSaturationOptions = {}): SaturationSource {
  const root = options.procRoot ?? '/proc';
  const hostCpus = options.hostCpus ?? availableParallelism();
  const hz = options.ticksPerSecond ?? 100;
  return {
    targetKind: 'process',
    async watch(memberId, emit, now): Promise<SaturationWatch> {
      const pgid = Number(memberId);
      let previous = await readGroup(root, pgid, now);
      if (previous.ticks.size === 0) throw new Error(`no process in process group ${memberId}`);
      let previousAt = previous.at;
      emit({
        fromMs: previousAt,
        toMs: previousAt,
        cpuShare: null,
        memoryBytes: previous.rssBytes,
        memoryLimitBytes: null,
      });
      let inFlight: Promise<void> | undefined;
      const tick = async () => {
        const sample = await readGroup(root, pgid, now);
        const at = sample.at;
        if (sample.ticks.size > 0 && at > previousAt) {
          let busy = 0;
          for (const [pid, ticks] of sample.ticks)
            busy += Math.max(0, ticks - (previous.ticks.get(pid) ?? 0));
          const reading: MemberReading = {
            fromMs: previousAt,
            toMs: at,
            cpuShare: busy / hz / ((at - previousAt) / 1000) / hostCpus,
            memoryBytes: sample.rssBytes,
            memoryLimitBytes: null,
          };
          emit(reading);
        }
        previous = sample;
        previousAt = at;
      };
      const timer = setInterval(() => {
        inFlight ??= tick()
          .catch(() => undefined)
          .finally(() => (inFlight = undefined));
      }, options.everyMs ?? 500);
      return {
        async close() {
          clearInterval(timer);
          await inFlight;
        },
      };
    },
  };
}

/** CPU ticks per pid and total RSS of the processes in group `pgid` (processes gone mid-read are skipped). */
async function readGroup(root: string, pgid: number, now: () => number): Promise<GroupSample> {
  const pids = (await readdir(root)).filter((name) => /^\d+$/.test(name));
  const at = now();
  const ticks = new Map<number, number>();
  let rssBytes = 0;
  await Promise.all(
    pids.map(async (pid) => {
      const stat = parseProcStat(await readFile(`${root}/${pid}/stat`, 'utf8').catch(() => ''));
      if (!stat || stat.pgrp !== pgid) return;
      const rss = parseVmRss(await readFile(`${root}/${pid}/status`, 'utf8').catch(() => ''));
      ticks.set(stat.pid, stat.cpuTicks);
      rssBytes += rss ?? 0;
    }),
  );
  return { at, ticks, rssBytes };
}
