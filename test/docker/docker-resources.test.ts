import { describe, expect, it } from 'vitest';
import { formatBytes, measureCpu, sampleUsage } from '../../src/faults/docker/container-stats.ts';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { statInTarget } from '../../src/faults/docker/target-path.ts';
import { RunFailedError } from '../../src/errors/faultline-error.ts';
import {
  engine,
  docker,
  fault,
  helpersLeft,
  inspect,
  perTestRun,
  skipDocker,
  startTarget,
  testContext,
} from './docker-fixture.ts';

const MiB = 2 ** 20;

describe.skipIf(skipDocker)('docker resource faults: a stressor inside the target cgroup', () => {
  const provider = createDockerProvider();
  const run = perTestRun();
  const resolve = (name: string) =>
    provider.resolve(name, { container: `fl-${run.id}-${name}` }, testContext(run.id));

  it('cpu-stress raises the target’s own measured CPU use, and it falls back after revert', async () => {
    const info = await startTarget(run.id, { name: 'cpu', healthcheck: false });
    const target = engine.container(info.Id);
    const idle = await measureCpu(target);
    const handle = await provider.inject(
      fault({ type: 'cpu-stress', workers: 1, load: '100%', for: '5s' }),
      await resolve('cpu'),
      testContext(run.id),
    );
    const during = await measureCpu(target);
    const stressors = await helpersLeft(run.id);
    await handle.revert();
    const after = await measureCpu(target);
    console.log(
      `cpu-stress 1 worker: target cpu idle ${idle.toFixed(1)}% → during ${during.toFixed(1)}% → after ${after.toFixed(1)}%; evidence: ${handle.evidence[0]?.detail}`,
    );
    expect(idle).toBeLessThan(20);
    expect(during).toBeGreaterThan(60);
    expect(after).toBeLessThan(20);
    expect(stressors).toHaveLength(1);
    expect(stressors[0]).toMatch(/^stressor /);
    expect(handle.evidence[0]).toMatchObject({ check: 'stats.cpu', ok: true });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('cpu-stress is held to the target’s CPU quota (it counts against the target’s limit)', async () => {
    const info = await startTarget(run.id, {
      name: 'quota',
      healthcheck: false,
      host: { NanoCpus: 400_000_000 },
    });
    const handle = await provider.inject(
      fault({ type: 'cpu-stress', workers: 2, for: '5s' }),
      await resolve('quota'),
      testContext(run.id),
    );
    const during = await measureCpu(engine.container(info.Id));
    await handle.revert();
    console.log(`cpu-stress 2 workers under a 0.4 CPU quota: target cpu ${during.toFixed(1)}%`);
    expect(during).toBeGreaterThan(25);
    expect(during).toBeLessThan(55);
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('memory-stress raises the target’s memory use by about the bytes asked, and revert frees it', async () => {
    const info = await startTarget(run.id, { name: 'mem', healthcheck: false });
    const target = engine.container(info.Id);
    const before = (await sampleUsage(target)).memoryBytes;
    const handle = await provider.inject(
      fault({ type: 'memory-stress', bytes: '200MiB', for: '5s' }),
      await resolve('mem'),
      testContext(run.id),
    );
    const during = (await sampleUsage(target)).memoryBytes;
    await handle.revert();
    const after = (await sampleUsage(target)).memoryBytes;
    console.log(
      `memory-stress 200 MiB: target memory ${formatBytes(before)} → ${formatBytes(during)} → ${formatBytes(after)}`,
    );
    expect(during - before).toBeGreaterThan(180 * MiB);
    expect(after).toBeLessThan(before + 30 * MiB);
    expect(handle.evidence[0]).toMatchObject({ check: 'stats.memory', ok: true });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('with a memory limit on the target, the stressor counts against it: held below, OOM-killed above', async () => {
    const limit = 160 * MiB;
    const info = await startTarget(run.id, {
      name: 'limited',
      healthcheck: false,
      host: { Memory: limit, MemorySwap: limit },
    });
    const target = engine.container(info.Id);
    const under = await provider.inject(
      fault({ type: 'memory-stress', bytes: '96MiB', for: '5s' }),
      await resolve('limited'),
      testContext(run.id),
    );
    const held = await sampleUsage(target);
    await under.revert();
    expect(held.memoryLimit).toBe(limit);
    expect(held.memoryBytes).toBeGreaterThan(90 * MiB);
    expect(held.memoryBytes).toBeLessThanOrEqual(limit);
    const over = await provider.inject(
      fault({ type: 'memory-stress', bytes: '320MiB', for: '5s' }),
      await resolve('limited'),
      testContext(run.id),
    );
    console.log(
      `memory-stress under a 160 MiB limit: 96 MiB held (${formatBytes(held.memoryBytes)} of ${formatBytes(held.memoryLimit)}); 320 MiB: ${over.evidence[0]?.detail}`,
    );
    expect(over.evidence[0]?.detail).toContain('OOM-killed at the target');
    await over.revert();
    const survivor = await inspect(info.Id);
    expect(survivor.State).toMatchObject({ Running: true, OOMKilled: false });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('disk-fill writes a file of the size asked into the target’s filesystem, gone after revert', async () => {
    const info = await startTarget(run.id, { name: 'disk', healthcheck: false });
    const target = engine.container(info.Id);
    const handle = await provider.inject(
      fault({ type: 'disk-fill', bytes: '32MiB', path: '/tmp', for: '5s' }),
      await resolve('disk'),
      testContext(run.id),
    );
    const file = `/tmp/faultline-fill-${run.id}-f`;
    expect(await statInTarget(target, file)).toEqual({ size: 32 * MiB, isDirectory: false });
    expect(handle.evidence[0]).toMatchObject({ check: 'file in target', ok: true });
    const result = await handle.revert();
    expect(await statInTarget(target, file)).toBeUndefined();
    expect(result.evidence[0]).toMatchObject({ check: 'file removed', ok: true });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('disk-fill reaches a volume path; an existing file is never overwritten', async () => {
    const volume = `fl-${run.id}-data`;
    await docker.createVolume({ Name: volume, Labels: { 'faultline.run': run.id, 'faultline.test': '1' } });
    const info = await startTarget(run.id, {
      name: 'vol',
      healthcheck: false,
      host: { Binds: [`${volume}:/data`] },
    });
    const target = engine.container(info.Id);
    const handle = await provider.inject(
      fault({ type: 'disk-fill', bytes: '8MiB', path: '/data/fill.bin', for: '5s' }),
      await resolve('vol'),
      testContext(run.id),
    );
    expect((await statInTarget(target, '/data/fill.bin'))?.size).toBe(8 * MiB);
    await handle.revert();
    expect(await statInTarget(target, '/data/fill.bin')).toBeUndefined();
    const refused = provider.inject(
      fault({ type: 'disk-fill', bytes: '1MiB', path: '/server.mjs', for: '5s' }),
      await resolve('vol'),
      testContext(run.id),
    );
    await expect(refused).rejects.toThrow(RunFailedError);
    await expect(refused).rejects.toThrow(/never overwrites/);
    expect((await statInTarget(target, '/server.mjs'))?.size).toBeGreaterThan(100);
    expect(await helpersLeft(run.id)).toEqual([]);
    await engine.container(info.Id).remove(true);
    await docker.getVolume(volume).remove();
  });
});
