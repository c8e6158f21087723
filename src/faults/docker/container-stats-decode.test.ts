import { describe, expect, it } from 'vitest';
import { cpuLimit, decodeStats, type EngineStats } from './container-stats-decode.ts';

// Recorded from this engine (cgroup v1, cgroupfs; docker.io on Debian bookworm), trimmed.
const v1First: EngineStats = {
  read: '2026-12-02T14:57:21.382693147Z',
  preread: '0001-01-01T00:00:00Z',
  cpu_stats: {
    cpu_usage: { total_usage: 76878450, percpu_usage: [35166187, 41712263] },
    system_cpu_usage: 743860000000,
    online_cpus: 2,
  },
  precpu_stats: { cpu_usage: { total_usage: 0 } },
  memory_stats: { usage: 9662464, stats: { total_inactive_file: 7806976, inactive_file: 7806976 } },
};
const v1: EngineStats = {
  read: '2026-12-02T14:57:22.4068074Z',
  preread: '2026-12-02T14:57:21.382693147Z',
  cpu_stats: {
    cpu_usage: { total_usage: 193332735, percpu_usage: [144302077, 49030658] },
    system_cpu_usage: 745380000000,
    online_cpus: 2,
  },
  precpu_stats: { cpu_usage: { total_usage: 76878450 }, system_cpu_usage: 743860000000 },
  memory_stats: {
    usage: 79527936,
    stats: { cache: 70541312, inactive_file: 66179072, total_inactive_file: 66179072, rss: 7725056 },
  },
};
// The cgroup v2 shape the Engine API documents: no percpu_usage, no total_* memory counters.
const v2: EngineStats = {
  read: '2026-12-02T15:00:02.000000000Z',
  preread: '2026-12-02T15:00:01.000000000Z',
  cpu_stats: { cpu_usage: { total_usage: 3_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 16_000_000_000 },
  memory_stats: {
    usage: 104_857_600,
    stats: { anon: 50_000_000, file: 54_857_600, active_file: 30_000_000, inactive_file: 20_000_000 },
  },
};

describe('decodeStats', () => {
  it('cgroup v1: CPU as a share of NanoCpus, memory minus total_inactive_file, the limit from HostConfig', () => {
    const reading = decodeStats(v1, { NanoCpus: 500_000_000, Memory: 268435456 }, 8);
    const cores = ((193332735 - 76878450) / (745380000000 - 743860000000)) * 2;
    expect(reading?.cpuShare).toBeCloseTo(cores / 0.5, 10);
    expect(reading?.intervalMs).toBe(1024); // whole ms: Date.parse drops the nanoseconds
    expect(reading?.memoryBytes).toBe(79527936 - 66179072);
    expect(reading?.memoryLimitBytes).toBe(268435456);
  });

  it('the first message of a stream has memory but no CPU interval yet', () => {
    expect(decodeStats(v1First, {}, 8)).toEqual({
      intervalMs: 0,
      cpuShare: null,
      memoryBytes: 9662464 - 7806976,
      memoryLimitBytes: null,
    });
  });

  it('cgroup v2: CPU as a share of CpuQuota ÷ CpuPeriod, memory minus inactive_file', () => {
    const reading = decodeStats(v2, { CpuQuota: 200_000, CpuPeriod: 100_000 }, 8);
    expect(reading?.cpuShare).toBeCloseTo(1 / 2, 10); // 1 core busy of a 2-CPU quota
    expect(reading?.memoryBytes).toBe(104_857_600 - 20_000_000);
    expect(reading?.memoryLimitBytes).toBeNull();
  });

  it('without a CPU limit, CPU is a share of the online CPUs (the host)', () => {
    expect(decodeStats(v2, {}, 8)?.cpuShare).toBeCloseTo(1 / 4, 10);
  });

  it('a stopped container’s zeroed message is no reading', () => {
    expect(
      decodeStats({ read: '0001-01-01T00:00:00Z', preread: '0001-01-01T00:00:00Z' }, {}, 2),
    ).toBeUndefined();
  });
});

describe('cpuLimit', () => {
  it('takes NanoCpus, then CpuQuota ÷ CpuPeriod (default period 100 ms), then the cpuset, then the host', () => {
    expect(cpuLimit({ NanoCpus: 1_500_000_000, CpuQuota: 10 }, 4)).toBe(1.5);
    expect(cpuLimit({ CpuQuota: 50_000 }, 4)).toBe(0.5);
    expect(cpuLimit({ CpuQuota: 50_000, CpuPeriod: 25_000 }, 4)).toBe(2);
    expect(cpuLimit({ CpusetCpus: '0-1,3' }, 4)).toBe(3);
    expect(cpuLimit({}, 4)).toBe(4);
  });
});
