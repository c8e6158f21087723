import { describe, expect, it } from 'vitest';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { freePort } from '../helpers/free-port.ts';
import {
  fault,
  helpersLeft,
  inspect,
  perTestRun,
  skipDocker,
  startTarget,
  testContext,
} from './docker-fixture.ts';

describe.skipIf(skipDocker)('docker state faults, against the real engine', () => {
  const provider = createDockerProvider({ healthTimeoutMs: 20_000 });
  const run = perTestRun();

  async function targetNamed(name: string, spec: Record<string, unknown> = {}) {
    const info = await inspect(`fl-${run.id}-${name}`);
    return provider.resolve(name, { container: info.Name.slice(1), ...spec }, testContext(run.id));
  }

  it('kill SIGKILL stops the container (ExitCode 137); revert starts it and waits for its healthcheck', async () => {
    const before = await startTarget(run.id, { name: 'kill' });
    const ctx = testContext(run.id);
    const handle = await provider.inject(
      fault({ type: 'kill', signal: 'SIGKILL', restart: 'after 1s' }),
      await targetNamed('kill'),
      ctx,
    );
    const killed = await inspect(before.Id);
    expect(killed.State).toMatchObject({ Running: false, ExitCode: 137 });
    expect(handle.evidence[0]).toMatchObject({ check: 'inspect.State.Running', ok: true });
    expect(handle.evidence[0]?.detail).toContain('started again after 1000 ms');
    expect(await helpersLeft(run.id)).toHaveLength(1); // the undo record, while the fault is in place
    const result = await handle.revert();
    const back = await inspect(before.Id);
    expect(back.State).toMatchObject({ Running: true, Paused: false });
    expect(back.State.Health?.Status).toBe('healthy');
    expect(back.State.StartedAt).not.toBe(before.State.StartedAt);
    expect(result.evidence.map((e) => e.ok)).toEqual([true, true]);
    expect(result.evidence[1]?.detail).toContain('healthy by its healthcheck');
    expect(result.healthyAfterMs).toBeGreaterThan(0);
    expect(result.healthyAfterMs).toBeLessThan(20_000);
    expect(await handle.revert()).toBe(result); // idempotent: no second start
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('kill SIGTERM lets the program exit by itself (ExitCode 0), and is reverted', async () => {
    const before = await startTarget(run.id, { name: 'term', healthcheck: false });
    const handle = await provider.inject(
      fault({ type: 'kill', signal: 'SIGTERM' }),
      await targetNamed('term'),
      testContext(run.id),
    );
    expect((await inspect(before.Id)).State).toMatchObject({ Running: false, ExitCode: 0 });
    const result = await handle.revert();
    expect((await inspect(before.Id)).State.Running).toBe(true);
    expect(result.evidence[1]?.detail).toContain('healthy by running');
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('stop with a grace period stops it; revert starts it again', async () => {
    const before = await startTarget(run.id, { name: 'stop' });
    const handle = await provider.inject(
      fault({ type: 'stop', grace: '2s', for: '1s' }),
      await targetNamed('stop'),
      testContext(run.id),
    );
    expect((await inspect(before.Id)).State.Running).toBe(false);
    expect(handle.evidence[0]?.ok).toBe(true);
    await handle.revert();
    const back = await inspect(before.Id);
    expect(back.State.Running).toBe(true);
    expect(back.State.Health?.Status).toBe('healthy');
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('pause freezes it (Paused=true); revert unpauses and waits for a fresh passing healthcheck', async () => {
    const before = await startTarget(run.id, { name: 'pause' });
    const handle = await provider.inject(
      fault({ type: 'pause', for: '1s' }),
      await targetNamed('pause'),
      testContext(run.id),
    );
    expect((await inspect(before.Id)).State).toMatchObject({ Running: true, Paused: true });
    expect(handle.evidence[0]).toMatchObject({ check: 'inspect.State.Paused', ok: true });
    await new Promise((r) => setTimeout(r, 3000)); // long enough for the 1 s healthcheck to fail
    const result = await handle.revert();
    const back = await inspect(before.Id);
    expect(back.State).toMatchObject({ Running: true, Paused: false });
    expect(back.State.Health?.Status).toBe('healthy');
    expect(result.evidence[0]?.detail).toContain('unpaused');
    expect(result.healthyAfterMs).toBeGreaterThan(0);
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('restart gives it a new StartedAt; revert finds it running', async () => {
    const before = await startTarget(run.id, { name: 'restart', healthcheck: false });
    const handle = await provider.inject(
      fault({ type: 'restart', grace: '1s' }),
      await targetNamed('restart'),
      testContext(run.id),
    );
    const after = await inspect(before.Id);
    expect(after.State.Running).toBe(true);
    expect(after.State.StartedAt).not.toBe(before.State.StartedAt);
    expect(handle.evidence[0]?.ok).toBe(true);
    const result = await handle.revert();
    expect(result.evidence[0]?.detail).toContain('already running');
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('without a healthcheck, revert waits for the target’s ready probe (host network, 127.0.0.1)', async () => {
    const port = await freePort();
    const before = await startTarget(run.id, {
      name: 'probe',
      healthcheck: false,
      network: 'host',
      env: { PORT: String(port), HOST: '127.0.0.1' },
    });
    const target = await targetNamed('probe', { ready: `http://127.0.0.1:${port}/health` });
    const handle = await provider.inject(
      fault({ type: 'kill', signal: 'SIGKILL' }),
      target,
      testContext(run.id),
    );
    expect((await inspect(before.Id)).State.Running).toBe(false);
    const result = await handle.revert();
    expect(result.evidence[1]).toMatchObject({ check: 'healthy', ok: true });
    expect(result.evidence[1]?.detail).toContain(`ready probe http://127.0.0.1:${port}/health`);
    const answer = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await answer.text()).toBe('ok');
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('a fault on a selection acts on every picked container and reverts them all', async () => {
    const label = `app=${run.id}-pair`;
    const ids = await Promise.all(
      ['a', 'b'].map(
        async (n) => (await startTarget(run.id, { name: n, labels: { app: `${run.id}-pair` } })).Id,
      ),
    );
    const target = await provider.resolve('pair', { containers: { label } }, testContext(run.id));
    expect(target.members.map((m) => m.id).sort()).toEqual([...ids].sort());
    const handle = await provider.inject(fault({ type: 'pause', for: '1s' }), target, testContext(run.id));
    expect(handle.evidence).toHaveLength(2);
    for (const id of ids) expect((await inspect(id)).State.Paused).toBe(true);
    const result = await handle.revert();
    for (const id of ids) expect((await inspect(id)).State.Paused).toBe(false);
    expect(result.evidence.every((e) => e.ok)).toBe(true);
    expect(await helpersLeft(run.id)).toEqual([]);
  });
});
