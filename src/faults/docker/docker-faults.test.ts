import { describe, expect, it } from 'vitest';
import { faultSchema } from '../../experiment/schema-faults.ts';
import type { FaultSpec, TargetSpec } from '../../experiment/model.ts';
import type { FaultContext } from '../fault-provider.ts';
import { createDockerProvider } from './docker-provider.ts';
import { InMemoryEngine } from './in-memory-engine.ts';
import { UNLIMITED_MEMORY } from './limit-faults.ts';

const ctx: FaultContext = { runId: 'unit-1', now: () => 0, log: () => undefined };
const STRESSOR = 'faultline/stressor:test';

function setUp() {
  const engine = new InMemoryEngine();
  engine.images.set(STRESSOR, { Labels: {} });
  const shop = engine.add({ name: 'shop-1', networks: ['bridge', 'backend'] });
  const provider = createDockerProvider({
    connect: () => engine,
    stressorImage: STRESSOR,
    healthTimeoutMs: 200,
  });
  const inject = async (fields: Record<string, unknown>, spec: TargetSpec = { container: 'shop-1' }) => {
    const target = await provider.resolve('shop', spec, ctx);
    const fault = faultSchema.parse({ name: 'f', target: 'shop', at: '0', ...fields }) as FaultSpec;
    return provider.inject(fault, target, ctx);
  };
  const roles = () => engine.helpers().map((h) => h.labels['faultline.role']);
  return { engine, shop, provider, inject, roles };
}

describe('docker state faults on the in-memory engine', () => {
  it('pause freezes the container with an undo record; revert unpauses and removes the record', async () => {
    const { shop, inject, roles } = setUp();
    const handle = await inject({ type: 'pause', for: '1s' });
    expect(shop.paused).toBe(true);
    expect(handle.evidence).toMatchObject([{ check: 'inspect.State.Paused', ok: true }]);
    expect(roles()).toEqual(['undo']);
    const reverted = await handle.revert();
    expect(shop).toMatchObject({ running: true, paused: false });
    expect(reverted.evidence.every((e) => e.ok)).toBe(true);
    expect(reverted.healthyAfterMs).toBeGreaterThanOrEqual(0);
    expect(roles()).toEqual([]);
  });

  it('kill SIGKILL ends it (137); revert starts it again', async () => {
    const { shop, inject } = setUp();
    const handle = await inject({ type: 'kill' });
    expect(shop).toMatchObject({ running: false, exitCode: 137 });
    expect(handle.evidence[0]?.ok).toBe(true);
    await handle.revert();
    expect(shop.running).toBe(true);
  });

  it('kill SIGSTOP is undone with SIGCONT, not a start', async () => {
    const { shop, engine, inject } = setUp();
    const handle = await inject({ type: 'kill', signal: 'SIGSTOP' });
    await handle.revert();
    expect(shop.signals).toEqual(['SIGSTOP', 'SIGCONT']);
    expect(engine.calls.filter((c) => c.startsWith('start shop'))).toEqual([]);
  });

  it('stop stops it; revert starts it', async () => {
    const { shop, inject } = setUp();
    const handle = await inject({ type: 'stop', grace: '1s' });
    expect(shop.running).toBe(false);
    await handle.revert();
    expect(shop.running).toBe(true);
  });

  it('restart gives a new StartedAt', async () => {
    const { shop, inject } = setUp();
    const before = shop.startedAt;
    const handle = await inject({ type: 'restart', grace: '1s' });
    expect(shop.startedAt).not.toBe(before);
    expect(handle.evidence[0]).toMatchObject({ check: 'inspect.State.StartedAt', ok: true });
    await handle.revert();
    expect(shop.running).toBe(true);
  });

  it('a refused pause leaves the container as it was and no undo record', async () => {
    const { shop, engine, inject, roles } = setUp();
    engine.refuse('pause');
    await expect(inject({ type: 'pause', for: '1s' })).rejects.toThrow(/pause refused/);
    expect(shop).toMatchObject({ running: true, paused: false });
    expect(roles()).toEqual([]);
  });

  it('a container removed right after the engine paused it: the inject stands (weak evidence), the revert has nothing left to revert', async () => {
    const { shop, engine, inject, roles } = setUp();
    engine.afterNext('pause', () => engine.containers.delete(shop.id));
    const handle = await inject({ type: 'pause', for: '1s' });
    expect(handle.evidence).toMatchObject([{ check: 'inspect.State.Paused', ok: false }]);
    expect(handle.evidence[0]?.detail).toMatch(/paused, but the inspect that confirms it failed/);
    expect(await handle.check?.()).toMatch(/was removed/);
    const reverted = await handle.revert();
    expect(reverted.evidence.map((e) => e.detail).join('\n')).toMatch(/was removed .*nothing left to revert/);
    expect(roles()).toEqual([]);
  });

  it('a container removed right after the engine killed it: the inject stands (weak evidence), the revert has nothing left to revert', async () => {
    const { shop, engine, inject } = setUp();
    engine.afterNext('kill', () => engine.containers.delete(shop.id));
    const handle = await inject({ type: 'kill', signal: 'SIGKILL' });
    expect(handle.evidence).toMatchObject([{ check: 'inspect.State.Running', ok: false }]);
    expect(handle.evidence[0]?.detail).toMatch(/SIGKILL sent, but the inspect that confirms it failed/);
    const reverted = await handle.revert();
    expect(reverted.evidence.map((e) => e.detail).join('\n')).toMatch(/was removed .*nothing left to revert/);
  });

  it('a fault on a selection acts on every picked container and reverts them all', async () => {
    const { engine, inject } = setUp();
    const workers = [1, 2, 3].map((i) => engine.add({ name: `worker-${i}`, labels: { app: 'worker' } }));
    const handle = await inject(
      { type: 'pause', for: '1s' },
      { containers: { label: 'app=worker' }, pick: 2, seed: 1 },
    );
    expect(workers.filter((w) => w.paused)).toHaveLength(2);
    await handle.revert();
    expect(workers.filter((w) => w.paused)).toHaveLength(0);
  });
});

describe('docker resource faults on the in-memory engine', () => {
  it('cpu-stress raises the target CPU through a stressor in its cgroup; revert removes it', async () => {
    const { shop, engine, inject, roles } = setUp();
    const handle = await inject({ type: 'cpu-stress', for: '1s', workers: 2, load: '50%' });
    expect(shop.cpuPercent).toBeCloseTo(102);
    expect(handle.evidence[0]).toMatchObject({ check: 'stats.cpu', ok: true });
    const stressor = engine.helpers().find((h) => h.labels['faultline.role'] === 'stressor');
    expect(stressor?.hostConfig).toMatchObject({ CgroupParent: `/docker/${shop.id}`, NetworkMode: 'none' });
    await handle.revert();
    expect(shop.cpuPercent).toBeCloseTo(2);
    expect(roles()).toEqual([]);
  });

  it('memory-stress raises memory; past the target limit the stressor is reported OOM-killed', async () => {
    const { shop, inject } = setUp();
    const handle = await inject({ type: 'memory-stress', for: '1s', bytes: '100MiB' });
    expect(shop.memoryBytes).toBe(150 * 2 ** 20);
    expect(handle.evidence[0]?.ok).toBe(true);
    await handle.revert();
    expect(shop.memoryBytes).toBe(50 * 2 ** 20);
    Object.assign(shop.host, { Memory: 64 * 2 ** 20 });
    const oom = await inject({ type: 'memory-stress', for: '1s', bytes: '100MiB' });
    expect(oom.evidence[0]?.detail).toMatch(/OOM-killed/);
    await oom.revert();
  });

  it('disk-fill writes a file inside the target and removes it on revert; never overwrites a file', async () => {
    const { shop, inject } = setUp();
    shop.files.set('/data', { size: 0, isDirectory: true });
    const handle = await inject({ type: 'disk-fill', for: '1s', bytes: '8MiB', path: '/data' });
    const file = `/data/faultline-fill-unit-1-f`;
    expect(shop.files.get(file)?.size).toBe(8 * 2 ** 20);
    expect(handle.evidence[0]?.ok).toBe(true);
    const reverted = await handle.revert();
    expect(shop.files.has(file)).toBe(false);
    expect(reverted.evidence[0]).toMatchObject({ check: 'file removed', ok: true });
    shop.files.set('/keep.txt', { size: 4, isDirectory: false });
    await expect(inject({ type: 'disk-fill', for: '1s', bytes: 10, path: '/keep.txt' })).rejects.toThrow(
      /never overwrites/,
    );
  });

  it('cpu-limit sets a quota and restores "no quota"; memory-limit restores unlimited', async () => {
    const { shop, inject } = setUp();
    const cpu = await inject({ type: 'cpu-limit', for: '1s', cpus: 0.5 });
    expect(shop.host.CpuQuota).toBe(50_000);
    await cpu.revert();
    expect(shop.host.CpuQuota).toBe(-1);
    const memory = await inject({ type: 'memory-limit', for: '1s', bytes: '128MiB' });
    expect(shop.host).toMatchObject({ Memory: 128 * 2 ** 20, MemorySwap: 128 * 2 ** 20 });
    expect(memory.evidence[0]?.ok).toBe(true);
    await memory.revert();
    expect(shop.host.Memory).toBe(UNLIMITED_MEMORY);
  });
});

describe('docker network faults on the in-memory engine', () => {
  it('disconnect takes the container off a network; revert reconnects it with its aliases', async () => {
    const { shop, inject } = setUp();
    const handle = await inject({ type: 'disconnect', for: '1s', network: 'backend' });
    expect(Object.keys(shop.networks)).toEqual(['bridge']);
    expect(handle.evidence[0]?.ok).toBe(true);
    await handle.revert();
    expect(shop.networks.backend?.Aliases).toContain('shop-1');
  });

  it('refuses a network the container is not on, naming those it is on', async () => {
    const { inject } = setUp();
    await expect(inject({ type: 'disconnect', for: '1s', network: 'other' })).rejects.toThrow(
      /not connected to network other; it is on: bridge, backend/,
    );
  });
});
