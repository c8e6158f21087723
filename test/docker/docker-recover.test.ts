import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/captured-runtime.ts';
import {
  helpersLeft,
  inspect,
  perFaultlineRun,
  perTestRun,
  runUntilShopPaused,
  skipDocker,
} from './docker-fixture.ts';

describe.skipIf(skipDocker)('faultline recover after a run killed with SIGKILL mid-fault', () => {
  const run = perTestRun();
  const faultline = perFaultlineRun();

  it('leaves the container paused (nothing could revert), and recover --run unpauses it and removes the undo record', async () => {
    const { shop, child } = await runUntilShopPaused(run.id, {
      name: 'killed-mid-pause',
      duration: '60s',
      atLeast: '1%',
      faults: ['{ name: freeze, target: shop, type: pause, at: 4s, for: 40s }'],
    });
    const faultlineRun = faultline.watch(child.stderr());
    expect(faultlineRun).toBeDefined();
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    expect((await inspect(shop.Id)).State.Paused).toBe(true);
    expect(await helpersLeft(faultlineRun ?? '')).toEqual([expect.stringMatching(/^undo /)]);

    const result = await cli(['recover', '--run', faultlineRun ?? '']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /undone {2}docker: container [0-9a-f]{12}: unpaused \(undo of freeze, run /,
    );
    expect((await inspect(shop.Id)).State).toMatchObject({ Running: true, Paused: false });
    expect(await helpersLeft(faultlineRun ?? '')).toEqual([]);
  });
});
