import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { MemberReading } from '../../saturation/saturation-source.ts';
import type { ContainerLimits } from './container-stats-decode.ts';
import { watchContainerStats } from './container-stats-stream.ts';

const message = (second: number, usage: number) =>
  JSON.stringify({
    read: `2026-12-02T15:00:0${second}.000Z`,
    preread: second === 0 ? '0001-01-01T00:00:00Z' : `2026-12-02T15:00:0${second - 1}.000Z`,
    cpu_stats: { cpu_usage: { total_usage: usage }, system_cpu_usage: 2e9 * (second + 1), online_cpus: 2 },
    precpu_stats: { cpu_usage: { total_usage: usage - 5e8 }, system_cpu_usage: 2e9 * second },
    memory_stats: { usage: 1000, stats: { inactive_file: 100 } },
  }) + '\n';

function fakeEngine(limits: ContainerLimits[]) {
  const streams: PassThrough[] = [];
  let inspects = 0;
  return {
    streams,
    get inspects() {
      return inspects;
    },
    deps: {
      openStats: () => {
        const s = new PassThrough();
        streams.push(s);
        return Promise.resolve(s);
      },
      readLimits: () => Promise.resolve(limits[Math.min(inspects++, limits.length - 1)] ?? {}),
      hostCpus: 2,
      reopenMs: 10,
      limitsEveryMs: 0,
    },
  };
}

describe('watchContainerStats', () => {
  it('decodes messages split anywhere across chunks, stamping each with the interval it covers', async () => {
    const engine = fakeEngine([{ NanoCpus: 500_000_000, Memory: 4000 }]);
    const readings: MemberReading[] = [];
    let clock = 5000;
    const watch = await watchContainerStats(
      'c1',
      engine.deps,
      (r) => readings.push(r),
      () => clock,
    );
    const text = message(0, 1e9) + message(1, 1.5e9);
    engine.streams[0]?.write(text.slice(0, 37));
    engine.streams[0]?.write(text.slice(37, text.length - 20));
    clock = 6000;
    engine.streams[0]?.write(text.slice(text.length - 20));
    await new Promise((r) => setImmediate(r));
    expect(readings).toEqual([
      { fromMs: 5000, toMs: 5000, cpuShare: null, memoryBytes: 900, memoryLimitBytes: 4000 },
      // 0.5 s of CPU over 1 s on a 2-CPU host = 0.5 cores, of a 0.5-CPU limit = 100%.
      { fromMs: 5000, toMs: 6000, cpuShare: 1, memoryBytes: 900, memoryLimitBytes: 4000 },
    ]);
    await watch.close();
  });

  it('reopens a stream that ended (container restarted), re-reads changed limits, and close stops it all', async () => {
    const engine = fakeEngine([{ NanoCpus: 1e9 }, { NanoCpus: 5e8 }]);
    const readings: MemberReading[] = [];
    let clock = 0;
    const watch = await watchContainerStats(
      'c1',
      engine.deps,
      (r) => readings.push(r),
      () => (clock += 1000),
    );
    engine.streams[0]?.end();
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.streams).toHaveLength(2);
    engine.streams[1]?.write(message(1, 1.5e9));
    await new Promise((r) => setTimeout(r, 10));
    engine.streams[1]?.write(message(2, 2e9));
    await new Promise((r) => setTimeout(r, 10));
    expect(engine.inspects).toBeGreaterThanOrEqual(2);
    expect(readings.map((r) => r.cpuShare)).toEqual([0.5, 1]); // of 1 CPU, then of the new 0.5 CPU
    await watch.close();
    expect(engine.streams[1]?.destroyed).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.streams).toHaveLength(2); // not reopened after close
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
