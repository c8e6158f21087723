import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { processSaturationSource } from '../../src/saturation/process-saturation-source.ts';
import type { MemberReading } from '../../src/saturation/saturation-source.ts';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0))
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
});

// Spins, and every 50 ms prints its pid and its own CPU time (µs) as Node counts it.
const SPIN =
  "let last = 0; for (;;) { const now = Date.now(); if (now - last >= 50) { last = now; const u = process.cpuUsage(); process.stdout.write(process.pid + ' ' + (u.user + u.system) + '\\n'); } }";

/** A process group as process targets are: a leader and a child, both spinning and reporting. */
function spinningGroup(): { pgid: string; cpuSecondsAt: (t: number) => number } {
  const leader = `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(SPIN)}], { stdio: ['ignore', 'inherit', 'ignore'] }); ${SPIN}`;
  const child = spawn(process.execPath, ['-e', leader], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  started.push(child);
  const reports = new Map<string, [number, number][]>();
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const at = performance.now();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [pid, micros] = line.split(' ');
      if (pid && micros) reports.set(pid, [...(reports.get(pid) ?? []), [at, Number(micros)]]);
    }
  });
  return {
    pgid: String(child.pid),
    // What the group's processes said about themselves, as of time t (last report at or before t).
    cpuSecondsAt: (t) =>
      [...reports.values()].reduce(
        (sum, rs) => sum + (rs.filter(([at]) => at <= t).at(-1)?.[1] ?? 0) / 1e6,
        0,
      ),
  };
}

async function readFor(pgid: string, ms: number): Promise<MemberReading[]> {
  const readings: MemberReading[] = [];
  const watch = await processSaturationSource({ everyMs: 250 }).watch(
    pgid,
    (r) => readings.push(r),
    () => performance.now(),
  );
  await new Promise((r) => setTimeout(r, ms));
  await watch.close();
  const count = readings.length;
  await new Promise((r) => setTimeout(r, 400));
  expect(readings).toHaveLength(count); // nothing is read after close
  return readings;
}

describe('process saturation from /proc', () => {
  it('reads the whole group’s CPU time as the processes count it themselves, and their RSS', async () => {
    const busy = spinningGroup();
    const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      detached: true,
      stdio: 'ignore',
    });
    started.push(idle);
    await new Promise((r) => setTimeout(r, 800)); // both running, the child spawned and reporting
    const [hot, cold] = await Promise.all([readFor(busy.pgid, 3000), readFor(String(idle.pid), 3000)]);
    const timed = hot.filter((r) => r.cpuShare !== null);
    expect(timed.length).toBeGreaterThanOrEqual(8);
    const cpus = availableParallelism();
    const measured = timed.reduce((s, r) => s + (r.cpuShare ?? 0) * ((r.toMs - r.fromMs) / 1000) * cpus, 0);
    const first = timed[0]?.fromMs ?? NaN;
    const last = timed.at(-1)?.toMs ?? NaN;
    const reported = busy.cpuSecondsAt(last) - busy.cpuSecondsAt(first);
    const idleShare = cold.reduce((s, r) => Math.max(s, r.cpuShare ?? 0), 0);
    console.log(
      `busy group over ${((last - first) / 1000).toFixed(2)} s: /proc ${measured.toFixed(3)} CPU-s, self-reported ${reported.toFixed(3)} CPU-s; idle peak ${(idleShare * 100).toFixed(1)}% of the host`,
    );
    // Leader and child both count: missing the child would halve the figure; wrong tick rate ×10.
    expect(measured).toBeGreaterThan(reported * 0.75 - 0.05);
    expect(measured).toBeLessThan(reported * 1.25 + 0.05);
    expect(reported).toBeGreaterThan(0.1);
    expect(idleShare).toBeLessThan(0.05);
    for (const r of [...hot, ...cold]) {
      expect(r.memoryBytes).toBeGreaterThan(10 * 2 ** 20); // node's RSS
      expect(r.memoryLimitBytes).toBeNull();
    }
    // The busy group holds two node processes: well above the idle one's RSS.
    expect(hot.at(-1)?.memoryBytes ?? 0).toBeGreaterThan(1.5 * (cold.at(-1)?.memoryBytes ?? Infinity));
  });

  it('refuses to watch a process group that does not exist', async () => {
    await expect(
      processSaturationSource().watch(
        '999999999',
        () => undefined,
        () => 0,
      ),
    ).rejects.toThrow(/no process in process group 999999999/);
  });
});
