import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../experiment/model.ts';
import { faultSchema } from '../../experiment/schema-faults.ts';
import type { FaultContext } from '../fault-provider.ts';
import { createDockerProvider } from './docker-provider.ts';
import { InMemoryEngine } from './in-memory-engine.ts';

const ctx: FaultContext = { runId: 'unit-2', now: () => 0, log: () => undefined };
const pause = faultSchema.parse({ name: 'nap', target: 't', type: 'pause', at: '0', for: '1s' }) as FaultSpec;

function twoEngines() {
  const engines: Record<string, InMemoryEngine> = {
    default: new InMemoryEngine('/var/run/docker.sock'),
    edge: new InMemoryEngine('unix:///run/edge.sock'),
  };
  const here = engines.default?.add({ name: 'shop' });
  const there = engines.edge?.add({ name: 'shop' });
  const provider = createDockerProvider({
    engines: { edge: { host: 'unix:///run/edge.sock' } },
    connect: (name) => engines[name] as InMemoryEngine,
    stressorImage: 'none',
  });
  return { engines, here, there, provider };
}

describe('docker provider with several engines', () => {
  it('acts on the engine a target names: the same container name on two engines', async () => {
    const { here, there, provider } = twoEngines();
    const a = await provider.inject(pause, await provider.resolve('a', { container: 'shop' }, ctx), ctx);
    expect([here?.paused, there?.paused]).toEqual([true, false]);
    const b = await provider.inject(
      pause,
      await provider.resolve('b', { container: 'shop', engine: 'edge' }, ctx),
      ctx,
    );
    expect(there?.paused).toBe(true);
    expect(a.evidence[0]?.detail).toMatch(/^shop \(/);
    expect(b.evidence[0]?.detail).toMatch(/^engine edge: shop \(/);
    const [, back] = await Promise.all([a.revert(), b.revert()]);
    expect(back.evidence.map((e) => e.detail)).toEqual([
      expect.stringMatching(/^engine edge: shop .*unpaused/),
      expect.stringMatching(/^engine edge: shop .*healthy by running/),
    ]);
    expect([here?.paused, there?.paused]).toEqual([false, false]);
  });

  it('sweep undoes what a crashed run left on every engine, saying which', async () => {
    const { engines, here, there, provider } = twoEngines();
    await provider.inject(pause, await provider.resolve('a', { container: 'shop' }, ctx), ctx);
    await provider.inject(
      pause,
      await provider.resolve('b', { container: 'shop', engine: 'edge' }, ctx),
      ctx,
    );
    const report = (await provider.sweep?.('unit-2')) ?? [];
    expect([here?.paused, there?.paused]).toEqual([false, false]);
    expect(report.map((r) => r.text)).toEqual([
      expect.stringMatching(/^container \w{12}: unpaused \(undo of nap, run unit-2\)$/),
      expect.stringMatching(/^engine edge: container \w{12}: unpaused/),
    ]);
    expect([...(engines.default?.helpers() ?? []), ...(engines.edge?.helpers() ?? [])]).toEqual([]);
  });

  it('preflight names the engine that does not answer, with its address', async () => {
    const { engines, provider } = twoEngines();
    (engines.edge as InMemoryEngine).down = true;
    await expect(provider.preflight?.(ctx)).rejects.toMatchObject({
      code: 'E_DOCKER_UNAVAILABLE',
      message: expect.stringContaining('the Docker engine edge does not answer at unix:///run/edge.sock'),
    });
  });

  it('preflight checks only the engines the run uses', async () => {
    const engine = new InMemoryEngine();
    const down = new InMemoryEngine('tcp://10.0.0.9:2376');
    down.down = true;
    const provider = createDockerProvider({
      engines: { far: { host: 'tcp://10.0.0.9:2376' } },
      useEngines: ['default'],
      connect: (name) => (name === 'far' ? down : engine),
      stressorImage: 'none',
    });
    await expect(provider.preflight?.(ctx)).resolves.toBeUndefined();
  });

  it('the stats stream verb yields readings until aborted', async () => {
    const engine = new InMemoryEngine();
    const c = engine.add({ name: 'busy', cpuPercent: 80 });
    const abort = new AbortController();
    const seen: number[] = [];
    for await (const reading of engine.container(c.id).statsStream(abort.signal)) {
      seen.push(reading.memory_stats.usage ?? 0);
      if (seen.length === 3) abort.abort();
    }
    expect(seen).toEqual([50 * 2 ** 20, 50 * 2 ** 20, 50 * 2 ** 20]);
  });
});
