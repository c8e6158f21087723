import { addAbortSignal, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { MemberReading } from '../../saturation/saturation-source.ts';
import type { ContainerLimits } from './container-stats-decode.ts';
import { watchContainerStats } from './container-stats-stream.ts';
import type { StatsReading } from './docker-port.ts';

const message = (second: number, usage: number): StatsReading => ({
  read: `2026-12-02T15:00:0${second}.000Z`,
  preread: second === 0 ? '0001-01-01T00:00:00Z' : `2026-12-02T15:00:0${second - 1}.000Z`,
  cpu_stats: { cpu_usage: { total_usage: usage }, system_cpu_usage: 2e9 * (second + 1), online_cpus: 2 },
  precpu_stats: { cpu_usage: { total_usage: usage - 5e8 }, system_cpu_usage: 2e9 * second },
  memory_stats: { usage: 1000, stats: { inactive_file: 100 } },
});
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** An engine whose stats streams the test writes readings into, as the port yields them. */
function fakeEngine(limits: ContainerLimits[]) {
  const streams: PassThrough[] = [];
  let inspects = 0;
  return {
    streams,
    get inspects() {
      return inspects;
    },
    deps: {
      openStats: (_id: string, signal: AbortSignal): AsyncIterable<StatsReading> => {
        const s = addAbortSignal(signal, new PassThrough({ objectMode: true }));
        streams.push(s);
        return s;
      },
      readLimits: () => Promise.resolve(limits[Math.min(inspects++, limits.length - 1)] ?? {}),
      hostCpus: 2,
      reopenMs: 10,
      limitsEveryMs: 0,
    },
  };
}

describe('watchContainerStats', () => {
  it('stamps each reading with the interval it covers, its CPU a share of the limit', async () => {
    const engine = fakeEngine([{ NanoCpus: 500_000_000, Memory: 4000 }]);
    const readings: MemberReading[] = [];
    let clock = 5000;
    const watch = await watchContainerStats(
      'c1',
      engine.deps,
      (r) => readings.push(r),
      () => clock,
    );
    engine.streams[0]?.write(message(0, 1e9));
    await tick();
    clock = 6000;
    engine.streams[0]?.write(message(1, 1.5e9));
    await tick();
    expect(readings).toEqual([
      { fromMs: 5000, toMs: 5000, cpuShare: null, memoryBytes: 900, memoryLimitBytes: 4000 },
      // 0.5 s of CPU over 1 s on a 2-CPU host = 0.5 cores, of a 0.5-CPU limit = 100%.
      { fromMs: 5000, toMs: 6000, cpuShare: 1, memoryBytes: 900, memoryLimitBytes: 4000 },
    ]);
    await watch.close();
  });

  it('reopens a stream that ended or failed, re-reads changed limits, and close stops it all', async () => {
    const engine = fakeEngine([{ NanoCpus: 1e9 }, { NanoCpus: 5e8 }]);
    const readings: MemberReading[] = [];
    let clock = 0;
    const watch = await watchContainerStats(
      'c1',
      engine.deps,
      (r) => readings.push(r),
      () => (clock += 1000),
    );
    engine.streams[0]?.end(); // the container restarted
    await tick(50);
    expect(engine.streams).toHaveLength(2);
    engine.streams[1]?.write(message(1, 1.5e9));
    await tick(10);
    engine.streams[1]?.write(message(2, 2e9));
    await tick(10);
    expect(engine.inspects).toBeGreaterThanOrEqual(2);
    expect(readings.map((r) => r.cpuShare)).toEqual([0.5, 1]); // of 1 CPU, then of the new 0.5 CPU
    engine.streams[1]?.destroy(new Error('socket hang up'));
    await tick(50);
    expect(engine.streams).toHaveLength(3);
    engine.streams[2]?.write(message(3, 2.5e9));
    await tick(10);
    expect(readings).toHaveLength(3);
    await watch.close();
    expect(engine.streams[2]?.destroyed).toBe(true);
    engine.streams[2]?.write(message(4, 3e9));
    await tick(50);
    expect(engine.streams).toHaveLength(3); // not reopened after close
    expect(readings).toHaveLength(3);
  });

  it('throws when the container cannot be inspected at the start', async () => {
    const deps = {
      ...fakeEngine([]).deps,
      readLimits: () => Promise.reject(new Error('No such container: c9')),
    };
    await expect(
      watchContainerStats(
        'c9',
        deps,
        () => undefined,
        () => 0,
      ),
    ).rejects.toThrow(/No such container/);
  });
});
