import { describe, expect, it } from 'vitest';
import { experimentFixture } from '../experiment/experiment-fixture.ts';
import { planExperiment } from './plan.ts';

describe('planExperiment', () => {
  it('orders phases and fault steps by offset, reverts before injects at the same time', () => {
    const plan = planExperiment(
      experimentFixture({
        duration: 60_000,
        warmup: 5000,
        baseline: 10_000,
        after: 10_000,
        faults: [
          { name: 'second', type: 'pause', at: 30_000, for: 5000 },
          { name: 'first', type: 'pause', at: 20_000, for: 10_000 },
        ],
      }),
    );
    expect(plan.phases.map((p) => [p.phase, p.startMs, p.endMs])).toEqual([
      ['warmup', 0, 5000],
      ['baseline', 5000, 20_000],
      ['faults', 20_000, 35_000],
      ['recovery', 35_000, 50_000],
      ['after', 50_000, 60_000],
    ]);
    const faultSteps = plan.steps.filter((s) => s.kind === 'inject' || s.kind === 'revert');
    expect(faultSteps.map((s) => `${s.atMs} ${s.kind} ${'fault' in s ? s.fault : ''}`)).toEqual([
      '20000 inject first',
      '30000 revert first',
      '30000 inject second',
      '35000 revert second',
    ]);
    expect(plan.steps.at(-1)).toEqual({ atMs: 60_000, kind: 'end' });
    // The baseline is checked just before the first inject, covering the stretch after its end.
    expect(plan.steps.find((s) => s.kind === 'baseline-check')?.atMs).toBe(20_000);
    expect(plan.bounds).toMatchObject({ warmupEndMs: 5000, faultStartMs: 15_000, afterStartMs: 50_000 });
  });

  it('leaves a kill without restart unreverted until the end and plans restart: after', () => {
    const plan = planExperiment(
      experimentFixture({
        faults: [
          { name: 'gone', type: 'kill', at: 20_000 },
          { name: 'back', type: 'kill', at: 22_000, restart: 'after 5s' },
        ],
      }),
    );
    expect(plan.faults.map((f) => [f.fault.name, f.injectAtMs, f.revertAtMs])).toEqual([
      ['gone', 20_000, undefined],
      ['back', 22_000, 27_000],
    ]);
  });

  it('has no fault phase when there are no faults: the whole run is a steady-state check', () => {
    const plan = planExperiment(
      experimentFixture({ duration: 30_000, baseline: 10_000, after: 0, faults: [] }),
    );
    expect(plan.phases.map((p) => [p.phase, p.startMs, p.endMs])).toEqual([['baseline', 0, 30_000]]);
  });
});
