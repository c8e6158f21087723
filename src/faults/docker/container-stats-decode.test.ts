import { describe, expect, it } from 'vitest';
import { cpuLimit, decodeStats } from './container-stats-decode.ts';
import { stopped, v1, v1First, v2 } from './stats-fixture.ts';

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
    expect(decodeStats(stopped, {}, 2)).toBeUndefined();
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
