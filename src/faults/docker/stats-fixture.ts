import type { StatsReading } from './docker-port.ts';

// Stats readings for unit tests, as the port yields them (what parseStatsMessage keeps).

/** The first two messages of a stream recorded from this engine (cgroup v1, cgroupfs; docker.io on Debian bookworm), trimmed. */
export const v1First: StatsReading = {
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
export const v1: StatsReading = {
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
/** The cgroup v2 shape the Engine API documents: no percpu_usage, no total_* memory counters. */
export const v2: StatsReading = {
  read: '2026-12-02T15:00:02.000000000Z',
  preread: '2026-12-02T15:00:01.000000000Z',
  cpu_stats: { cpu_usage: { total_usage: 3_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 16_000_000_000 },
  memory_stats: {
    usage: 104_857_600,
    stats: { anon: 50_000_000, file: 54_857_600, active_file: 30_000_000, inactive_file: 20_000_000 },
  },
};
/** A stopped container's message: zero times, no memory figures. */
export const stopped: StatsReading = {
  read: '0001-01-01T00:00:00Z',
  preread: '0001-01-01T00:00:00Z',
  cpu_stats: { cpu_usage: { total_usage: 0 } },
  precpu_stats: { cpu_usage: { total_usage: 0 } },
  memory_stats: {},
};
