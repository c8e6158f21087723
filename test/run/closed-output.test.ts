import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processState } from '../../src/faults/process/process-state.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

describe('the reader of faultline’s output goes away mid-run (`| head`, a dead log collector)', () => {
  afterEach(stopFaultlines);

  it('the run goes on: the pause is reverted, the journal is complete, the targets are stopped', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'closed-output',
      objectives: '    - { name: availability, success: { at-least: 99% } }',
      duration: '14s',
      faults: '  - { name: freeze, target: shop, type: pause, at: 5s, for: 3s }',
    });
    const out = join(dir, 'journal');
    const child = startFaultline(['run', file, '--out', out]);
    await child.waitFor('inject freeze', 30_000);
    // Close our ends of both pipes while the pause is in place: every later write gets EPIPE.
    child.process.stdout?.destroy();
    child.process.stderr?.destroy();
    const { code } = await child.exited;
    expect(existsSync(join(out, 'journal.json'))).toBe(true);
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    expect(journal.faults[0]).toMatchObject({ name: 'freeze', outcome: 'reverted' });
    expect(journal.verdict).toBe('fail');
    expect(code).toBe(1);
    for (const target of journal.targets) {
      for (const member of target.members) expect(await processState(Number(member.id))).toBeUndefined();
    }
  });
});
