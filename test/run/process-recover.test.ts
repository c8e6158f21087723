import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pidsOfRun } from '../../src/faults/process/process-leftovers.ts';
import { processRecordDir } from '../../src/faults/process/process-record.ts';
import { processState } from '../../src/faults/process/process-state.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

describe('process targets after kill -9 of the runner', () => {
  afterEach(stopFaultlines);

  it('are refused as port holders for the next run, then resumed and ended by recover --all, which the second time finds nothing', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'killed-process',
      objectives: '    - { name: availability, success: { at-least: 1% } }',
      duration: '60s',
      faults: '  - { name: freeze, target: shop, type: pause, at: 5s, for: 40s }',
    });
    const child = startFaultline(['run', file, '--out', join(dir, 'journal')]);
    await child.waitFor('inject freeze', 30_000);
    const runId = /run (\S+):/.exec(child.stderr())?.[1] ?? '';
    expect(runId).not.toBe('');
    await new Promise((r) => setTimeout(r, 500));
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const record = join(processRecordDir(), `${runId}.json`);
    expect(existsSync(record)).toBe(true);
    const left = pidsOfRun(runId);
    expect(left.length).toBeGreaterThan(0);
    const states = await Promise.all(left.map((p) => processState(p)));
    expect(states).toContain('T');

    // The same experiment again: its ports are held by the leftovers, so it refuses to start.
    const again = await cli(['run', file, '--out', join(dir, 'journal2')]);
    expect(again.code).toBe(5);
    expect(again.stdout + again.stderr).toContain(`run ${runId}`);
    expect(again.stdout + again.stderr).toContain(`faultline recover --run ${runId}`);

    const first = await cli(['recover', '--all', '--no-docker']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(`undone {2}process: resumed and ended \\d+ process\\(es\\) of run ${runId}`),
    );
    expect(pidsOfRun(runId)).toEqual([]);
    // Gone, or a zombie waiting for a reaper (ended all the same): none running, none paused.
    for (const pid of left) expect([undefined, 'Z']).toContain(await processState(pid));
    expect(existsSync(record)).toBe(false);

    const second = await cli(['recover', '--all', '--no-docker']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing of every faultline run was left to undo');
  });
});
