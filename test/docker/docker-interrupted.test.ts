import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import {
  helpersLeft,
  inspect,
  perFaultlineRun,
  perTestRun,
  skipDocker,
  startHostShop,
  startTarget,
} from './docker-fixture.ts';

const MiB = 2 ** 20;

describe.skipIf(skipDocker)('a Docker run interrupted with SIGINT while three faults are in place', () => {
  const run = perTestRun();
  const faultline = perFaultlineRun();

  it('unpauses, removes the stressor, restores the memory limit exactly, leaves no helper, exits 3', async () => {
    const port = await freePort();
    const shop = await startHostShop(run.id, port);
    const worker = await startTarget(run.id, {
      name: 'worker',
      healthcheck: false,
      host: { Memory: 300 * MiB, MemorySwap: 600 * MiB },
    });
    const dir = tempDir();
    const file = join(dir, 'interrupted.yaml');
    writeFileSync(
      file,
      `version: 1
name: interrupted-docker
targets:
  shop: { container: fl-${run.id}-shop }
  worker: { container: fl-${run.id}-worker }
load: { url: "http://127.0.0.1:${port}", rate: 20, duration: 90s, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 1% } }] }
hypothesis: { warmup: 1s, baseline: 2s, after: 2s }
faults:
  - { name: freeze, target: shop, type: pause, at: 4s, for: 60s }
  - { name: burn, target: worker, type: cpu-stress, workers: 1, at: 4s, for: 60s }
  - { name: squeeze, target: worker, type: memory-limit, bytes: 200MiB, at: 4s, for: 60s }
`,
    );
    const out = join(dir, 'journal');
    const child = startFaultline(['run', file, '--out', out]);
    const inPlace = await waitUntil(
      async () => {
        const [s, w] = [await inspect(shop.Id), await inspect(worker.Id)];
        const stressors = (await helpersLeft(faultline.watch(child.stderr()) ?? '-')).filter((h) =>
          h.startsWith('stressor '),
        );
        return s.State.Paused && w.HostConfig.Memory === 200 * MiB && stressors.length === 1
          ? true
          : undefined;
      },
      60_000,
      200,
    );
    expect(inPlace, `the faults never were all in place; the run said:\n${child.stderr()}`).toBe(true);
    child.process.kill('SIGINT');
    expect((await child.exited).code).toBe(3);

    expect((await inspect(shop.Id)).State).toMatchObject({ Running: true, Paused: false });
    const after = await inspect(worker.Id);
    expect(after.State.Running).toBe(true);
    expect(after.HostConfig).toMatchObject({ Memory: 300 * MiB, MemorySwap: 600 * MiB });
    expect(await helpersLeft(faultline.id ?? '')).toEqual([]);
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    expect(journal.verdict).toBe('aborted');
    expect(journal.faults.map((f) => [f.name, f.outcome])).toEqual([
      ['freeze', 'reverted'],
      ['burn', 'reverted'],
      ['squeeze', 'reverted'],
    ]);
  });
});
