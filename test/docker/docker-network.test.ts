import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { RunFailedError } from '../../src/errors/faultline-error.ts';
import { docker, ensureImages, fault, helpersLeft, inspect, newTestRunId, removeRun, skipDocker, startTarget, testContext } from './docker-fixture.ts';

describe.skipIf(skipDocker)('docker network partition (disconnect)', () => {
  const provider = createDockerProvider();
  let runId = newTestRunId();
  beforeAll(ensureImages);
  afterEach(async () => {
    await removeRun(runId);
    runId = newTestRunId();
  });

  it('disconnects a container from a network and reconnects it with its alias', async () => {
    const network = `fl-${runId}-net`;
    // Internal: no route out of the host; the test traffic stays on this bridge.
    await docker.createNetwork({ Name: network, Internal: true, Labels: { 'faultline.run': runId, 'faultline.test': '1' } });
    const info = await startTarget(runId, { name: 'web', network, aliases: ['shop'] });
    const before = info.NetworkSettings.Networks[network];
    expect(before?.Aliases).toContain('shop');
    const target = await provider.resolve('web', { container: `fl-${runId}-web` }, testContext(runId));
    const handle = await provider.inject(fault({ type: 'disconnect', network, for: '5s' }), target, testContext(runId));
    expect(Object.keys((await inspect(info.Id)).NetworkSettings.Networks)).not.toContain(network);
    expect(handle.evidence[0]).toMatchObject({ check: 'inspect.NetworkSettings.Networks', ok: true });
    const result = await handle.revert();
    const after = (await inspect(info.Id)).NetworkSettings.Networks[network];
    expect(after?.NetworkID).toBe(before?.NetworkID);
    expect(after?.Aliases).toContain('shop');
    expect(after?.IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(result.evidence[0]).toMatchObject({ ok: true });
    expect(await helpersLeft(runId)).toEqual([]);
  });

  it('refuses a network the container is not on, naming the ones it is on', async () => {
    await startTarget(runId, { name: 'alone', healthcheck: false });
    const target = await provider.resolve('alone', { container: `fl-${runId}-alone` }, testContext(runId));
    const attempt = provider.inject(fault({ type: 'disconnect', network: 'no-such-net', for: '5s' }), target, testContext(runId));
    await expect(attempt).rejects.toThrow(RunFailedError);
    await expect(attempt).rejects.toThrow(/is not connected to network no-such-net; it is on: none/);
    expect(await helpersLeft(runId)).toEqual([]);
  });
});
