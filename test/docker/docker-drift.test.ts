import { describe, expect, it } from 'vitest';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { RUN_LABEL } from '../../src/faults/docker/docker-labels.ts';
import {
  docker,
  fault,
  helpersLeft,
  perTestRun,
  skipDocker,
  startTarget,
  testContext,
} from './docker-fixture.ts';

// What happens behind a run's back while a container fault is in place: the handle's check (the
// run asks it once a second) names what changed, and a target removed by someone else leaves its
// revert nothing to undo — its helpers (stressor, undo record) are still removed, nothing fails.
describe.skipIf(skipDocker)('container faults changed or removed behind the run’s back', () => {
  const provider = createDockerProvider();
  const run = perTestRun();
  const resolve = (name: string) =>
    provider.resolve(name, { container: `fl-${run.id}-${name}` }, testContext(run.id));

  const removedCases: [string, Record<string, unknown>][] = [
    ['cpu-stress', { type: 'cpu-stress', workers: 1, load: 0.5, for: '30s' }],
    ['memory-limit', { type: 'memory-limit', bytes: '64MB', for: '30s' }],
    ['disk-fill', { type: 'disk-fill', bytes: '1MB', path: '/tmp', for: '30s' }],
    ['disconnect', { type: 'disconnect', network: 'NET', for: '30s' }],
  ];
  for (const [type, fields] of removedCases)
    it(`${type}: the check names the removal; the revert has nothing to undo and leaves no helper`, async () => {
      const network = `fl-${run.id}-net`;
      if (type === 'disconnect')
        await docker.createNetwork({
          Name: network,
          Internal: true,
          Labels: { [RUN_LABEL]: run.id, 'faultline.test': '1' },
        });
      await startTarget(run.id, {
        name: 'gone',
        healthcheck: false,
        ...(type === 'disconnect' ? { network } : {}),
      });
      const ctx = testContext(run.id);
      const handle = await provider.inject(
        fault({ ...fields, ...(type === 'disconnect' ? { network } : {}) }),
        await resolve('gone'),
        ctx,
      );
      expect(handle.check, `${type} has no check`).toBeTypeOf('function');
      expect(await handle.check?.()).toBeUndefined();
      await docker.getContainer(`fl-${run.id}-gone`).remove({ force: true });
      expect(await handle.check?.()).toMatch(
        /container fl-\S+-gone \(\w+\) was removed \(not by faultline\)/,
      );
      const result = await handle.revert();
      expect(result.evidence).toEqual([expect.objectContaining({ check: 'container removed', ok: true })]);
      expect(ctx.lines.join('\n')).not.toMatch(/could not revert/);
      expect(await helpersLeft(run.id)).toEqual([]);
    });

  it('pause: the check names a container unpaused by someone else; the revert still puts it back', async () => {
    await startTarget(run.id, { name: 'frozen', healthcheck: false });
    const handle = await provider.inject(
      fault({ type: 'pause', for: '30s' }),
      await resolve('frozen'),
      testContext(run.id),
    );
    expect(await handle.check?.()).toBeUndefined();
    await docker.getContainer(`fl-${run.id}-frozen`).unpause();
    expect(await handle.check?.()).toMatch(/is no longer paused \(Running=true Paused=false/);
    const result = await handle.revert();
    expect(result.evidence[0]).toMatchObject({ check: 'inspect.State', ok: true });
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('pause whose undo record was removed behind its back (an engine pruned): the revert still unpauses', async () => {
    await startTarget(run.id, { name: 'pruned', healthcheck: false });
    const handle = await provider.inject(
      fault({ type: 'pause', for: '30s' }),
      await resolve('pruned'),
      testContext(run.id),
    );
    const records = await docker.listContainers({
      all: true,
      filters: { label: [`${RUN_LABEL}=${run.id}`, 'faultline.role=undo'] },
    });
    expect(records).toHaveLength(1);
    await docker.getContainer(records[0]?.Id ?? '').remove({ force: true });
    const result = await handle.revert();
    expect(result.evidence[0]).toMatchObject({ check: 'inspect.State', ok: true });
    expect((await docker.getContainer(`fl-${run.id}-pruned`).inspect()).State.Paused).toBe(false);
    expect(await helpersLeft(run.id)).toEqual([]);
  });

  it('cpu-stress: the check names a stressor that ended on its own', async () => {
    await startTarget(run.id, { name: 'busy', healthcheck: false });
    const handle = await provider.inject(
      fault({ type: 'cpu-stress', workers: 1, load: 0.5, for: '30s' }),
      await resolve('busy'),
      testContext(run.id),
    );
    const [stressor] = await docker.listContainers({
      filters: { label: [`${RUN_LABEL}=${run.id}`, 'faultline.role=stressor'] },
    });
    expect(stressor, 'no stressor found').toBeDefined();
    await docker.getContainer(stressor?.Id ?? '').kill({ signal: 'SIGKILL' });
    expect(await handle.check?.()).toMatch(/the stressor in fl-\S+-busy \(\w+\) ended \(Running=false/);
    await handle.revert();
    expect(await helpersLeft(run.id)).toEqual([]);
  });
});
