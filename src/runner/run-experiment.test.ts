import { describe, expect, it } from 'vitest';
import { experimentFixture, type FixtureOptions } from '../experiment/experiment-fixture.ts';
import type { FaultSpec } from '../experiment/model.ts';
import { faultHandle } from '../faults/fault-handle.ts';
import type { FaultProvider } from '../faults/fault-provider.ts';
import { FaultRegistry } from '../faults/fault-registry.ts';
import type { JournalEvent } from '../journal/journal.ts';
import type { LoadDriver, LoadTotals } from '../load/load-driver.ts';
import type { SampleSink } from '../slo/sample-sink.ts';
import { FakeClock } from '../timeline/fake-clock.ts';
import { runExperiment } from './run-experiment.ts';

/** A simulated service: 20 good answers every 100 ms, none while a fault holds it down. */
class World {
  down = false;
  sink: SampleSink | undefined;
  readonly clock = new FakeClock(1000);
  readonly calls: string[] = [];
  now: () => number = () => 0;

  driver(options: { failStart?: boolean } = {}): LoadDriver {
    return {
      start: (_plan, sink, now) => {
        if (options.failStart) throw new Error('load generator exploded');
        this.sink = sink;
        this.now = now;
        let finish: (t: LoadTotals) => void = () => undefined;
        const done = new Promise<LoadTotals>((r) => (finish = r));
        const totals = { intended: 0, sent: 0, answered: 0, connectionsOpened: 1 };
        return { done, stop: async () => (finish(totals), done) };
      },
    };
  }

  provider(
    behaviour: { injectFails?: string; revertFails?: string; revertFailsOnce?: string } = {},
  ): FaultProvider {
    let failedOnce = false;
    return {
      id: 'fake',
      targetKind: 'process',
      faultTypes: ['kill', 'stop', 'pause', 'restart'],
      resolve: async (name, spec) => ({ name, kind: 'process', spec, members: [{ id: '1', label: 'fake' }] }),
      inject: async (fault: FaultSpec) => {
        this.calls.push(`inject ${fault.name}`);
        if (behaviour.injectFails === fault.name) throw new Error('permission denied');
        this.down = true;
        return faultHandle([{ check: 'fake', ok: true, detail: 'down', atMs: 0 }], async () => {
          this.calls.push(`revert ${fault.name}`);
          if (behaviour.revertFails === fault.name) throw new Error('engine gone');
          if (behaviour.revertFailsOnce === fault.name && !failedOnce) {
            failedOnce = true;
            throw new Error('engine restarting');
          }
          this.down = false;
          return { evidence: [] };
        });
      },
      close: async () => void this.calls.push('close'),
    };
  }

  /** Advances simulated time in 100 ms steps, answering requests as the service state allows. */
  async advance(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 100) {
      await this.clock.advance(100);
      const now = this.now();
      if (!this.sink || now > 20_000) continue;
      this.sink.intended(now, 20);
      if (this.down) this.sink.timeout(now);
      else for (let i = 0; i < 20; i++) this.sink.response(now, 5000, 200);
    }
  }
}

async function run(
  world: World,
  options: FixtureOptions,
  provider: FaultProvider,
  extra: { signal?: AbortSignal; load?: LoadDriver; during?: (w: World) => Promise<void> } = {},
) {
  const events: JournalEvent[] = [];
  const journal = runExperiment(
    experimentFixture({ duration: 20_000, baseline: 5000, after: 5000, ...options }),
    {
      runId: 'test-run',
      registry: new FaultRegistry([provider]),
      load: extra.load ?? world.driver(),
      clock: world.clock,
      signal: extra.signal ?? new AbortController().signal,
      now: () => new Date(0),
      sink: { event: (e) => void events.push(e), log: () => undefined },
    },
  );
  await (extra.during ?? ((w) => w.advance(25_000)))(world);
  return { journal: await journal, events };
}

const pause = { name: 'freeze', type: 'pause', at: 7000, for: 3000 };

describe('runExperiment', () => {
  it('fails a hypothesis the fault breaks, reverts it on time, and records everything', async () => {
    const world = new World();
    const { journal, events } = await run(world, { faults: [pause] }, world.provider());
    expect(journal.verdict).toBe('fail');
    expect(journal.exitCode).toBe(1);
    expect(world.calls).toEqual(['inject freeze', 'revert freeze', 'close']);
    expect(journal.faults[0]).toMatchObject({
      outcome: 'reverted',
      injectedAtMs: 7000,
      revertedAtMs: 10_000,
      timeToImpactMs: 0,
    });
    expect(journal.faults[0]?.timeToRecoverMs).toBe(0);
    expect(
      journal.breaches.every(
        (b) => b.phase === 'faults' && b.windowStartMs >= 7000 && b.windowEndMs <= 10_000,
      ),
    ).toBe(true);
    expect(events[0]?.kind).toBe('start');
    expect(events.at(-1)?.kind).toBe('end');
  });

  it('emits journal events as frozen values that later changes to the run never reach', async () => {
    const world = new World();
    const { journal, events } = await run(world, { faults: [pause] }, world.provider());
    const start = events[0];
    expect(start?.kind === 'start' && start.journal.verdict).toBeNull();
    expect(journal.verdict).toBe('fail');
    expect(events.every((e) => Object.isFrozen(e))).toBe(true);
    const injected = events.find((e) => e.kind === 'fault' && e.fault.outcome === 'active');
    expect(injected?.kind === 'fault' && Object.isFrozen(injected.fault.evidence)).toBe(true);
    expect(injected?.kind === 'fault' && injected.fault.revertedAtMs).toBeNull();
  });

  it('passes when nothing goes wrong', async () => {
    const world = new World();
    const { journal } = await run(world, { faults: [] }, world.provider());
    expect(journal.verdict).toBe('pass');
    expect(journal.windows.length).toBe(20);
  });

  it('ends `error` when a fault cannot be injected, still reverting the faults in place', async () => {
    const world = new World();
    const faults = [
      pause,
      { name: 'second', type: 'pause', at: 8000, for: 1000 },
      { name: 'third', type: 'pause', at: 12_000, for: 1000 },
    ];
    const { journal } = await run(
      world,
      { faults, duringFaults: { tolerate: { budget: '100%' } } },
      world.provider({ injectFails: 'second' }),
    );
    expect(journal.verdict).toBe('error');
    expect(journal.exitCode).toBe(5);
    expect(world.calls).toEqual(['inject freeze', 'inject second', 'revert freeze', 'close']);
    expect(journal.faults.map((f) => f.outcome)).toEqual(['reverted', 'inject-failed', 'not-run']);
    expect(journal.faults[1]?.error).toBe('permission denied');
  });

  it('exits 4 when a fault cannot be reverted, and says so in the journal', async () => {
    const world = new World();
    const { journal } = await run(world, { faults: [pause] }, world.provider({ revertFails: 'freeze' }));
    expect(journal.exitCode).toBe(4);
    expect(journal.faults[0]).toMatchObject({ outcome: 'revert-failed' });
    expect(journal.faults[0]?.error).toMatch(
      /^engine gone; tried 3 times; undo it by hand with: faultline recover --run \S+$/,
    );
    expect(world.calls.filter((c) => c === 'revert freeze')).toHaveLength(3);
  });

  it('retries a revert that fails once, and then it is reverted', async () => {
    const world = new World();
    const { journal } = await run(world, { faults: [pause] }, world.provider({ revertFailsOnce: 'freeze' }));
    expect(journal.faults[0]).toMatchObject({ outcome: 'reverted', error: null });
    expect(world.calls.filter((c) => c === 'revert freeze')).toHaveLength(2);
    expect(journal.exitCode).not.toBe(4);
  });

  it('reverts at once and ends `aborted` when the run is interrupted mid-fault', async () => {
    const world = new World();
    const controller = new AbortController();
    const { journal } = await run(world, { faults: [pause] }, world.provider(), {
      signal: controller.signal,
      during: async (w) => {
        await w.advance(8000);
        controller.abort(new Error('SIGINT'));
        await w.advance(1000);
      },
    });
    expect(journal.verdict).toBe('aborted');
    expect(journal.exitCode).toBe(3);
    expect(world.calls).toEqual(['inject freeze', 'revert freeze', 'close']);
    expect(journal.faults[0]?.revertedAtMs).toBeLessThan(9000);
  });

  it('is not steady, and injects nothing, when the baseline already misses', async () => {
    const world = new World();
    world.down = true;
    const { journal } = await run(world, { faults: [pause] }, world.provider());
    expect(journal.verdict).toBe('not-steady');
    expect(world.calls).toEqual(['close']);
  });

  it('ends `error` and still stops its targets when the load generator fails', async () => {
    const world = new World();
    const { journal } = await run(world, { faults: [pause] }, world.provider(), {
      load: world.driver({ failStart: true }),
    });
    expect(journal.verdict).toBe('error');
    expect(journal.notes[0]?.message).toMatch(/load generator exploded/);
    expect(world.calls).toEqual(['close']);
  });
});
