import { describe, expect, it } from 'vitest';
import { measureCpu, sampleUsage } from '../../src/faults/docker/container-stats.ts';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { UNLIMITED_MEMORY } from '../../src/faults/docker/limit-faults.ts';
import {
  engine,
  fault,
  helpersLeft,
  inspect,
  perTestRun,
  skipDocker,
  startTarget,
  testContext,
} from './docker-fixture.ts';

const MB = 1_000_000;

describe.skipIf(skipDocker)('docker cpu-limit and memory-limit through container.update', () => {
  const provider = createDockerProvider();
  const run = perTestRun();
  const resolve = (name: string) =>
    provider.resolve(name, { container: `fl-${run.id}-${name}` }, testContext(run.id));

  it('cpu-limit cuts a busy target’s measured CPU, and revert gives it back (no quota before → none after)', async () => {
    const info = await startTarget(run.id, { name: 'burn', healthcheck: false, env: { BURN_WORKERS: '1' } });
    const target = engine.container(info.Id);
    // The spinner thread starts after the container does: take the baseline once it burns (CI
    // once measured 1.5% in the first second), else the test measures start-up, not the limit.
    let free = 0;
    await waitUntil(async () => ((free = await measureCpu(target)) > 70 ? true : undefined), 10_000, 0);
    const handle = await provider.inject(
      fault({ type: 'cpu-limit', cpus: 0.25, for: '5s' }),
      await resolve('burn'),
      testContext(run.id),
    );
    expect((await inspect(info.Id)).HostConfig.CpuQuota).toBe(25_000);
    const limited = await measureCpu(target);
    const result = await handle.revert();
    const restored = await measureCpu(target);
    console.log(
      `cpu-limit 0.25 on a 1-thread spinner: ${free.toFixed(1)}% → ${limited.toFixed(1)}% → ${restored.toFixed(1)}%`,
    );
    expect(free).toBeGreaterThan(70);
    expect(limited).toBeLessThan(40);
    expect(restored).toBeGreaterThan(70);
    const host = (await inspect(info.Id)).HostConfig;
    expect([host.NanoCpus, host.CpuQuota, host.CpuPeriod]).toEqual([0, -1, 0]);
    expect(handle.evidence[0]).toMatchObject({ check: 'inspect.HostConfig', ok: true });
    expect(result.evidence[0]).toMatchObject({ ok: true });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('cpu-limit on a container with --cpus keeps NanoCpus and restores the exact value', async () => {
    const info = await startTarget(run.id, {
      name: 'nano',
      healthcheck: false,
      host: { NanoCpus: 800_000_000 },
    });
    const handle = await provider.inject(
      fault({ type: 'cpu-limit', cpus: 0.3, for: '5s' }),
      await resolve('nano'),
      testContext(run.id),
    );
    expect((await inspect(info.Id)).HostConfig.NanoCpus).toBe(300_000_000);
    await handle.revert();
    const host = (await inspect(info.Id)).HostConfig;
    expect([host.NanoCpus, host.CpuQuota]).toEqual([800_000_000, 0]);
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('cpu-limit on a container with a CFS quota and period restores both exactly', async () => {
    const info = await startTarget(run.id, {
      name: 'cfs',
      healthcheck: false,
      host: { CpuQuota: 60_000, CpuPeriod: 50_000 },
    });
    const handle = await provider.inject(
      fault({ type: 'cpu-limit', cpus: 0.5, for: '5s' }),
      await resolve('cfs'),
      testContext(run.id),
    );
    expect((await inspect(info.Id)).HostConfig).toMatchObject({ CpuQuota: 25_000, CpuPeriod: 50_000 });
    await handle.revert();
    expect((await inspect(info.Id)).HostConfig).toMatchObject({
      CpuQuota: 60_000,
      CpuPeriod: 50_000,
      NanoCpus: 0,
    });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('memory-limit sets Memory and MemorySwap together and restores the exact prior pair', async () => {
    const info = await startTarget(run.id, {
      name: 'mem',
      healthcheck: false,
      host: { Memory: 300 * MB, MemorySwap: 600 * MB },
    });
    const handle = await provider.inject(
      fault({ type: 'memory-limit', bytes: 200 * MB, for: '5s' }),
      await resolve('mem'),
      testContext(run.id),
    );
    expect((await inspect(info.Id)).HostConfig).toMatchObject({ Memory: 200 * MB, MemorySwap: 200 * MB });
    expect((await sampleUsage(engine.container(info.Id))).memoryLimit).toBe(
      Math.floor((200 * MB) / 4096) * 4096,
    );
    await handle.revert();
    expect((await inspect(info.Id)).HostConfig).toMatchObject({ Memory: 300 * MB, MemorySwap: 600 * MB });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('memory-limit on an unlimited container restores "no limit" as the engine and kernel see it', async () => {
    const info = await startTarget(run.id, { name: 'free', healthcheck: false });
    const target = engine.container(info.Id);
    const before = (await sampleUsage(target)).memoryLimit;
    const handle = await provider.inject(
      fault({ type: 'memory-limit', bytes: '128MiB', for: '5s' }),
      await resolve('free'),
      testContext(run.id),
    );
    expect((await sampleUsage(target)).memoryLimit).toBe(128 * 2 ** 20);
    const result = await handle.revert();
    expect((await sampleUsage(target)).memoryLimit).toBe(before);
    expect((await inspect(info.Id)).HostConfig).toMatchObject({
      Memory: UNLIMITED_MEMORY,
      MemorySwap: UNLIMITED_MEMORY,
    });
    expect(result.evidence[0]?.detail).toContain('no limit, as before');
    expect(await helpersLeft(run.id)).toEqual([]);
  });
});
