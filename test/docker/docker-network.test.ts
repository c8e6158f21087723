import { describe, expect, it } from 'vitest';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { RunFailedError } from '../../src/errors/faultline-error.ts';
import {
  docker,
  fault,
  helpersLeft,
  inspect,
  perTestRun,
  skipDocker,
  startTarget,
  testContext,
} from './docker-fixture.ts';

describe.skipIf(skipDocker)('docker network partition (disconnect)', () => {
  const provider = createDockerProvider();
  const run = perTestRun();

  it('disconnects a container from a network and reconnects it with its alias', async () => {
    const network = `fl-${run.id}-net`;
    // Internal: no route out of the host; the test traffic stays on this bridge.
    await docker.createNetwork({
      Name: network,
      Internal: true,
      Labels: { 'faultline.run': run.id, 'faultline.test': '1' },
    });
    const info = await startTarget(run.id, { name: 'web', network, aliases: ['shop'] });
    const before = info.NetworkSettings.Networks[network];
    expect(before?.Aliases).toContain('shop');
    const target = await provider.resolve('web', { container: `fl-${run.id}-web` }, testContext(run.id));
    const handle = await provider.inject(
      fault({ type: 'disconnect', network, for: '5s' }),
      target,
      testContext(run.id),
    );
    expect(Object.keys((await inspect(info.Id)).NetworkSettings.Networks)).not.toContain(network);
    expect(handle.evidence[0]).toMatchObject({ check: 'inspect.NetworkSettings.Networks', ok: true });
    const result = await handle.revert();
    const after = (await inspect(info.Id)).NetworkSettings.Networks[network];
    expect(after?.NetworkID).toBe(before?.NetworkID);
    expect(after?.Aliases).toContain('shop');
    expect(after?.IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(result.evidence[0]).toMatchObject({ ok: true });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('refuses a network the container is not on, naming the ones it is on', async () => {
    await startTarget(run.id, { name: 'alone', healthcheck: false });
    const target = await provider.resolve('alone', { container: `fl-${run.id}-alone` }, testContext(run.id));
    const attempt = provider.inject(
      fault({ type: 'disconnect', network: 'no-such-net', for: '5s' }),
      target,
      testContext(run.id),
    );
    await expect(attempt).rejects.toThrow(RunFailedError);
    await expect(attempt).rejects.toThrow(/is not connected to network no-such-net; it is on: none/);
    expect(await helpersLeft(run.id)).toEqual([]);
  });
});
