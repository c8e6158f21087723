import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import { helpersLeft, inspect, perTestRun, removeRun, skipDocker, startTarget } from './docker-fixture.ts';

describe.skipIf(skipDocker)('faultline recover after a run killed with SIGKILL mid-fault', () => {
  const run = perTestRun();
  let faultlineRun: string | undefined;
  afterEach(async () => {
    await stopFaultlines();
    if (faultlineRun) await removeRun(faultlineRun);
    faultlineRun = undefined;
  });

  it('leaves the container paused (nothing could revert), and recover --run unpauses it and removes the undo record', async () => {
    const port = await freePort();
    const info = await startTarget(run.id, {
      name: 'shop',
      network: 'host',
      env: { HOST: '127.0.0.1', PORT: String(port) },
    });
    const dir = tempDir();
    const file = join(dir, 'killed.yaml');
    writeFileSync(
      file,
      `version: 1
name: killed-mid-pause
targets: { shop: { container: fl-${run.id}-shop } }
load: { url: "http://127.0.0.1:${port}", rate: 20, duration: 60s, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 1% } }] }
hypothesis: { warmup: 1s, baseline: 2s, after: 2s }
faults: [{ name: freeze, target: shop, type: pause, at: 4s, for: 40s }]
`,
    );
    const child = startFaultline(['run', file, '--out', join(dir, 'journal')]);
    const paused = await waitUntil(
      async () => ((await inspect(info.Id)).State.Paused ? true : undefined),
      30_000,
      100,
    );
    expect(paused, `never paused; the run said:\n${child.stderr()}`).toBe(true);
    faultlineRun = /run (\S+):/.exec(child.stderr())?.[1];
    expect(faultlineRun).toBeDefined();
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    expect((await inspect(info.Id)).State.Paused).toBe(true);
    expect(await helpersLeft(faultlineRun ?? '')).toEqual([expect.stringMatching(/^undo /)]);

    const result = await cli(['recover', '--run', faultlineRun ?? '']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /undone {2}docker: container [0-9a-f]{12}: unpaused \(undo of freeze, run /,
    );
    expect((await inspect(info.Id)).State).toMatchObject({ Running: true, Paused: false });
    expect(await helpersLeft(faultlineRun ?? '')).toEqual([]);
  });
});
