import { describe, expect, it } from 'vitest';
import { RunFailedError } from '../../src/errors/faultline-error.ts';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { dockerodePort } from '../../src/faults/docker/dockerode-adapter.ts';
import { statInTarget } from '../../src/faults/docker/target-path.ts';
import {
  fault,
  helpersLeft,
  inspect,
  engine,
  perTestRun,
  skipDocker,
  startTarget,
  testContext,
} from './docker-fixture.ts';

describe('docker provider preflight', () => {
  it('says clearly when the engine does not answer, and how to start one', async () => {
    const provider = createDockerProvider({
      connect: () => dockerodePort({ socketPath: '/nonexistent/docker.sock' }, '/nonexistent/docker.sock'),
    });
    const attempt = provider.preflight?.(testContext('p'));
    await expect(attempt).rejects.toThrow(RunFailedError);
    await expect(attempt).rejects.toMatchObject({
      code: 'E_DOCKER_UNAVAILABLE',
      message: expect.stringContaining('the Docker engine does not answer at /nonexistent/docker.sock'),
    });
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining('dockerd') });
  });
});

describe.skipIf(skipDocker)('docker sweep: what a crashed run left behind', () => {
  const run = perTestRun();

  it('preflight passes against the engine and the stressor image is there', async () => {
    const ctx = testContext(run.id);
    await createDockerProvider().preflight?.(ctx);
    expect(ctx.lines.filter((l) => l.includes('will fail'))).toEqual([]);
  });

  it('undoes pause, limits and stressors of an unreverted run, leaving no helper', async () => {
    const provider = createDockerProvider();
    const info = await startTarget(run.id, {
      name: 'crashed',
      healthcheck: false,
      host: { Memory: 256 * 2 ** 20, MemorySwap: 256 * 2 ** 20 },
    });
    const target = await provider.resolve(
      'crashed',
      { container: `fl-${run.id}-crashed` },
      testContext(run.id),
    );
    const ctx = testContext(run.id);
    await provider.inject(fault({ name: 'hog', type: 'cpu-stress', for: '9s' }), target, ctx);
    await provider.inject(
      fault({ name: 'fill', type: 'disk-fill', bytes: '4MiB', path: '/tmp', for: '9s' }),
      target,
      ctx,
    );
    await provider.inject(
      fault({ name: 'squeeze', type: 'memory-limit', bytes: '64MiB', for: '9s' }),
      target,
      ctx,
    );
    await provider.inject(fault({ name: 'freeze', type: 'pause', for: '9s' }), target, ctx);
    expect((await helpersLeft(run.id)).sort()).toEqual([
      expect.stringMatching(/^stressor/),
      expect.stringMatching(/^stressor/),
      expect.stringMatching(/^undo/),
      expect.stringMatching(/^undo/),
    ]);
    // The run dies here without reverting; a later `faultline recover` sweeps by run id.
    const report = (await createDockerProvider().sweep?.(run.id)) ?? [];
    expect(report).toHaveLength(4);
    expect(report.every((a) => a.ok)).toBe(true);
    const text = report.map((a) => a.text).join('\n');
    expect(text).toMatch(/unpaused \(undo of freeze/);
    expect(text).toMatch(/updated Memory=268435456 MemorySwap=268435456 \(undo of squeeze/);
    const back = await inspect(info.Id);
    expect(back.State).toMatchObject({ Running: true, Paused: false });
    expect(back.HostConfig).toMatchObject({ Memory: 256 * 2 ** 20, MemorySwap: 256 * 2 ** 20 });
    expect(
      await statInTarget(engine.container(info.Id), `/tmp/faultline-fill-${run.id}-fill`),
    ).toBeUndefined();
    expect(await helpersLeft(run.id)).toEqual([]);
    expect(await createDockerProvider().sweep?.(run.id)).toEqual([]);
  });

  it('refuses fault types that are not container faults', async () => {
    const provider = createDockerProvider();
    await startTarget(run.id, { name: 'plain', healthcheck: false });
    const target = await provider.resolve('plain', { container: `fl-${run.id}-plain` }, testContext(run.id));
    await expect(
      provider.inject(fault({ type: 'latency', latency: '100ms', for: '1s' }), target, testContext(run.id)),
    ).rejects.toMatchObject({ code: 'E_FAULT_UNSUPPORTED' });
  });
});
