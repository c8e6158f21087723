import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pidsOfRun } from '../../src/faults/process/process-leftovers.ts';
import { processState } from '../../src/faults/process/process-state.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

async function states(runId: string): Promise<(string | undefined)[]> {
  return Promise.all(pidsOfRun(runId).map((p) => processState(p)));
}

describe('safety rails', () => {
  afterEach(stopFaultlines);

  it('faultline stop: a running run sees it within a second, resumes its paused target and ends aborted', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'emergency',
      objectives: '    - { name: availability, success: { at-least: 1% } }',
      duration: '60s',
      faults: '  - { name: freeze, target: shop, type: pause, at: 5s, for: 40s }',
    });
    const out = join(dir, 'journal');
    const child = startFaultline(['run', file, '--out', out]);
    await child.waitFor('inject freeze', 30_000);
    const runId = /run (\S+):/.exec(child.stderr())?.[1] ?? '';
    await new Promise((r) => setTimeout(r, 300));
    expect(await states(runId)).toContain('T');

    const started = Date.now();
    const stopped = await cli(['stop']);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain(`run ${runId}`);
    expect(stopped.stdout).toContain('stopping');
    let resumedAfter: number | undefined;
    while (Date.now() - started < 1000) {
      if (!(await states(runId)).includes('T')) {
        resumedAfter = Date.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(resumedAfter, 'the paused target was still paused 1 s after faultline stop').toBeDefined();
    expect((await child.exited).code).toBe(3);
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    expect(journal.verdict).toBe('aborted');
    expect(journal.faults[0]?.outcome).toBe('reverted');
    expect(journal.notes.map((n) => n.message)).toContain('stopped by faultline stop; reverting every fault');
    expect(pidsOfRun(runId)).toEqual([]);

    const again = await cli(['stop']);
    expect(again.stdout).toContain('nothing to stop');
    const unknown = await cli(['stop', '--run', runId]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`--run: no run ${runId} is going on`);
  });

  it('guardrails.max-duration stops the run and reverts its faults', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'deadline',
      objectives: '    - { name: availability, success: { at-least: 1% } }',
      duration: '60s',
      faults: '  - { name: freeze, target: shop, type: pause, at: 5s, for: 40s }',
    });
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text}guardrails: { max-duration: 8s }\n`);
    const out = join(dir, 'journal');
    const result = await cli(['run', file, '--out', out, '--quiet']);
    expect(result.code).toBe(3);
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    expect(journal.verdict).toBe('aborted');
    expect(journal.faults[0]?.outcome).toBe('reverted');
    expect(journal.notes.map((n) => n.message).join('\n')).toContain(
      'stopped by guardrail max-duration (the run lasted 8s)',
    );
    expect(pidsOfRun(journal.runId)).toEqual([]);
  });
});
