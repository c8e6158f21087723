import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands/run-command.ts';
import { watchContainerStats } from '../../src/faults/docker/container-stats-stream.ts';
import type { StatsReading } from '../../src/faults/docker/docker-port.ts';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { FaultRegistry } from '../../src/faults/fault-registry.ts';
import type { Journal } from '../../src/journal/journal.ts';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { readTextFile } from '../../src/runtime/node-runtime.ts';
import { systemClock } from '../../src/runtime/system-clock.ts';
import type { MemberReading } from '../../src/saturation/saturation-source.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { freePort } from '../helpers/free-port.ts';
import {
  engine,
  fault,
  helpersLeft,
  perTestRun,
  skipDocker,
  startTarget,
  testContext,
} from './docker-fixture.ts';

const MiB = 2 ** 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const meanCpu = (rs: readonly MemberReading[]) => {
  const cpu = rs.flatMap((r) => (r.cpuShare === null ? [] : [r.cpuShare]));
  return cpu.length === 0 ? NaN : cpu.reduce((s, v) => s + v, 0) / cpu.length;
};

describe.skipIf(skipDocker)('container saturation from one engine stats stream', () => {
  const run = perTestRun();

  it('reads CPU as a share of the container’s limit and memory against its limit; close releases the stream', async () => {
    // A 0.1-CPU quota: a stressor fills it even on a crowded host, and an idle server stays far below.
    const info = await startTarget(run.id, {
      name: 'sat',
      healthcheck: false,
      host: { NanoCpus: 100_000_000, Memory: 256 * MiB, MemorySwap: 512 * MiB },
    });
    const opened: AbortSignal[] = [];
    let ended = 0;
    async function* untilEnded(readings: AsyncIterable<StatsReading>) {
      try {
        yield* readings;
      } finally {
        ended += 1; // after the port's own finally, which closes the response
      }
    }
    const readings: (MemberReading & { phase: string })[] = [];
    let phase = 'idle';
    const watch = await watchContainerStats(
      info.Id,
      {
        openStats: (id, signal) => {
          opened.push(signal);
          return untilEnded(engine.container(id).statsStream(signal));
        },
        readLimits: async (id) => (await engine.container(id).inspect()).HostConfig,
        hostCpus: availableParallelism(),
      },
      (r) => readings.push({ ...r, phase }),
      () => performance.now(),
    );
    await sleep(3000);
    phase = 'injecting';
    const provider = createDockerProvider();
    const target = await provider.resolve('sat', { container: info.Name.slice(1) }, testContext(run.id));
    const handle = await provider.inject(
      fault({ type: 'cpu-stress', workers: 1, for: '5s' }),
      target,
      testContext(run.id),
    );
    phase = 'stress';
    await sleep(4000);
    phase = 'reverting';
    await handle.revert();
    phase = 'after';
    await sleep(3000);
    await watch.close();
    const count = readings.length;
    await sleep(1500);
    const [idle, stress, after] = ['idle', 'stress', 'after'].map((p) =>
      readings.filter((r) => r.phase === p && r.cpuShare !== null),
    );
    console.log(
      `0.1-CPU container: cpu share idle ${(meanCpu(idle ?? []) * 100).toFixed(1)}% → stress ${(meanCpu(stress ?? []) * 100).toFixed(1)}% → after ${(meanCpu(after ?? []) * 100).toFixed(1)}% of its limit; memory ${((readings.at(-1)?.memoryBytes ?? 0) / MiB).toFixed(1)} MiB`,
    );
    expect(opened).toHaveLength(1); // one stream for the whole watch, not a call per reading
    expect(idle?.length).toBeGreaterThanOrEqual(1);
    expect(stress?.length).toBeGreaterThanOrEqual(2);
    expect(after?.length).toBeGreaterThanOrEqual(1);
    expect(meanCpu(idle?.slice(-2) ?? [])).toBeLessThan(0.2); // past the server's start
    // Of the 0.1-CPU limit (a share of the host would be ≤ 0.05 here).
    expect(meanCpu(stress?.slice(1) ?? [])).toBeGreaterThan(0.5);
    expect(meanCpu(after?.slice(1) ?? [])).toBeLessThan(0.2);
    for (const r of readings) {
      expect(r.memoryLimitBytes).toBe(256 * MiB);
      expect(r.memoryBytes).toBeGreaterThan(4 * MiB);
      expect(r.memoryBytes).toBeLessThan(256 * MiB);
      expect(r.toMs - r.fromMs).toBeLessThan(3000);
    }
    // Closed: no reading after, and the port's stream was aborted and had ended when close resolved.
    expect(readings).toHaveLength(count);
    expect(opened[0]?.aborted).toBe(true);
    expect(ended).toBe(1);
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('a run records container CPU rising in the windows of a cpu-stress fault, and a saturation objective fails it', async () => {
    const port = await freePort();
    const info = await startTarget(run.id, {
      name: 'api',
      network: 'host',
      healthcheck: false, // the image's healthcheck starts a node process every second
      env: { HOST: '127.0.0.1', PORT: String(port) },
      host: { NanoCpus: 200_000_000, Memory: 256 * MiB, MemorySwap: 512 * MiB },
    });
    const dir = tempDir();
    const file = join(dir, 'busy-api.yaml');
    writeFileSync(
      file,
      `version: 1
name: busy-api
targets:
  api: { container: ${info.Name.slice(1)} }
load: { url: "http://127.0.0.1:${port}", rate: 10, duration: 17s, timeout: 2s }
slos:
  window: 1s
  objectives:
    - { name: api-cpu, saturation: { target: api, cpu: { below: 50% }, memory: { below: 90% } } }
hypothesis: { warmup: 1s, baseline: 3s, after: 3s }
faults:
  - { name: burn, target: api, type: cpu-stress, workers: 1, at: 5s, for: 8s }
`,
    );
    let out = '';
    let err = '';
    const code = await runCommand(
      {
        file,
        json: true,
        quiet: true,
        out: join(dir, 'journal'),
        registry: new FaultRegistry([createDockerProvider()]),
      },
      {
        cwd: process.cwd(),
        env: process.env,
        signal: new AbortController().signal,
        clock: systemClock,
        now: () => new Date(),
        readText: readTextFile,
        stdout: { write: (t) => void (out += t) },
        stderr: { write: (t) => void (err += t) },
      },
    );
    expect(err).toBe('');
    const summary = JSON.parse(out) as RunSummary;
    const journal = JSON.parse(readFileSync(summary.journal, 'utf8')) as Journal;
    const burn = summary.faults[0];
    const [injected, reverted] = [burn?.injectedAtMs ?? NaN, burn?.revertedAtMs ?? NaN];
    const share = (w: Journal['windows'][number]) =>
      w.saturation.find((s) => s.target === 'api')?.cpuShare ?? NaN;
    console.log(`burn injected at ${injected} ms, reverted at ${reverted} ms`);
    for (const w of journal.windows)
      console.log(
        `window ${w.startMs}: ${w.phase} cpu ${(share(w) * 100).toFixed(1)}% of 0.2 CPU, met ${w.met}`,
      );
    // The stressor takes seconds to start on a busy host, and a reading trails by up to 1 s: the
    // busy windows are some of those between inject and revert (+1 s), and only those.
    const busy = journal.windows.filter((w) => share(w) > 0.5);
    expect(busy.length).toBeGreaterThanOrEqual(2);
    for (const w of busy) {
      expect(w.startMs).toBeGreaterThanOrEqual(injected - 1);
      expect(w.startMs).toBeLessThan(reverted + 1000);
    }
    const before = journal.windows.filter((w) => w.endMs <= injected);
    const after = journal.windows.filter((w) => w.startMs >= reverted + 1500);
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(after.length).toBeGreaterThanOrEqual(1);
    for (const w of [...before, ...after]) expect(share(w)).toBeLessThan(0.3);
    for (const w of journal.windows) {
      expect(w.saturation).toHaveLength(1);
      expect(w.saturation[0]?.memoryShare).toBeGreaterThan(0.01); // of the 256 MiB limit
      expect(w.saturation[0]?.memoryShare).toBeLessThan(0.9);
    }
    // Steady before the fault; the busy windows miss api-cpu: during-faults: hold fails the run.
    expect(summary.verdict).toBe('fail');
    expect(code).toBe(1);
    const breaches = summary.breaches;
    expect(breaches.length).toBeGreaterThan(0);
    for (const b of breaches) {
      expect(b).toMatchObject({ phase: 'faults', objective: 'api-cpu' });
      expect(b.windowEndMs).toBeGreaterThan(injected);
    }
    expect(await helpersLeft(summary.runId)).toEqual([]);
  });
});
