import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import {
  helpersLeft,
  inspect,
  perFaultlineRun,
  perTestRun,
  skipDocker,
  startHostShop,
} from './docker-fixture.ts';

describe.skipIf(skipDocker)('faultline recover after a run killed with SIGKILL mid-fault', () => {
  const run = perTestRun();
  const faultline = perFaultlineRun();

  it('leaves the container paused (nothing could revert), and recover --run unpauses it and removes the undo record', async () => {
    const port = await freePort();
    const info = await startHostShop(run.id, port);
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
    const faultlineRun = faultline.watch(child.stderr());
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
