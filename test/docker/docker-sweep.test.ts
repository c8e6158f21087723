import Dockerode from 'dockerode';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunFailedError } from '../../src/errors/faultline-error.ts';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { statInTarget } from '../../src/faults/docker/target-path.ts';
import { docker, ensureImages, fault, helpersLeft, inspect, newTestRunId, removeRun, skipDocker, startTarget, testContext } from './docker-fixture.ts';

describe('docker provider preflight', () => {
  it('says clearly when the engine does not answer, and how to start one', async () => {
    const provider = createDockerProvider({ docker: new Dockerode({ socketPath: '/nonexistent/docker.sock' }) });
    const attempt = provider.preflight?.(testContext('p'));
    await expect(attempt).rejects.toThrow(RunFailedError);
    await expect(attempt).rejects.toMatchObject({ code: 'E_DOCKER_UNAVAILABLE', message: expect.stringContaining('the Docker engine does not answer at /nonexistent/docker.sock') });
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining('dockerd') });
  });
});

describe.skipIf(skipDocker)('docker sweep: what a crashed run left behind', () => {
  let runId = newTestRunId();
  beforeAll(ensureImages);
  afterEach(async () => {
    await removeRun(runId);
    runId = newTestRunId();
  });

  it('preflight passes against the engine and the stressor image is there', async () => {
    const ctx = testContext(runId);
    await createDockerProvider().preflight?.(ctx);
    expect(ctx.lines.filter((l) => l.includes('will fail'))).toEqual([]);
  });

  it('undoes pause, limits and stressors of an unreverted run, leaving no helper', async () => {
    const provider = createDockerProvider();
    const info = await startTarget(runId, { name: 'crashed', healthcheck: false, host: { Memory: 256 * 2 ** 20, MemorySwap: 256 * 2 ** 20 } });
    const target = await provider.resolve('crashed', { container: `fl-${runId}-crashed` }, testContext(runId));
    const ctx = testContext(runId);
    await provider.inject(fault({ name: 'hog', type: 'cpu-stress', for: '9s' }), target, ctx);
    await provider.inject(fault({ name: 'fill', type: 'disk-fill', bytes: '4MiB', path: '/tmp', for: '9s' }), target, ctx);
    await provider.inject(fault({ name: 'squeeze', type: 'memory-limit', bytes: '64MiB', for: '9s' }), target, ctx);
    await provider.inject(fault({ name: 'freeze', type: 'pause', for: '9s' }), target, ctx);
    expect((await helpersLeft(runId)).sort()).toEqual([expect.stringMatching(/^stressor/), expect.stringMatching(/^stressor/), expect.stringMatching(/^undo/), expect.stringMatching(/^undo/)]);
    // The run dies here without reverting; a later `faultline recover` sweeps by run id.
    const report = (await createDockerProvider().sweep?.(runId)) ?? [];
    expect(report).toHaveLength(4);
    expect(report.every((a) => a.ok)).toBe(true);
    const text = report.map((a) => a.text).join('\n');
    expect(text).toMatch(/unpaused \(undo of freeze/);
    expect(text).toMatch(/updated Memory=268435456 MemorySwap=268435456 \(undo of squeeze/);
    const back = await inspect(info.Id);
    expect(back.State).toMatchObject({ Running: true, Paused: false });
    expect(back.HostConfig).toMatchObject({ Memory: 256 * 2 ** 20, MemorySwap: 256 * 2 ** 20 });
    expect(await statInTarget(docker.getContainer(info.Id), `/tmp/faultline-fill-${runId}-fill`)).toBeUndefined();
    expect(await helpersLeft(runId)).toEqual([]);
    expect(await createDockerProvider().sweep?.(runId)).toEqual([]);
  });

  it('refuses fault types that are not container faults', async () => {
    const provider = createDockerProvider();
    await startTarget(runId, { name: 'plain', healthcheck: false });
    const target = await provider.resolve('plain', { container: `fl-${runId}-plain` }, testContext(runId));
    await expect(provider.inject(fault({ type: 'latency', latency: '100ms', for: '1s' }), target, testContext(runId))).rejects.toMatchObject({ code: 'E_FAULT_UNSUPPORTED' });
  });
});
