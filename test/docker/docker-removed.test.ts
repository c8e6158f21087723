import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import {
  docker,
  helpersLeft,
  perFaultlineRun,
  perTestRun,
  runUntilShopPaused,
  skipDocker,
} from './docker-fixture.ts';

describe.skipIf(skipDocker)('a paused target container removed by someone else mid-fault', () => {
  const run = perTestRun();
  const faultline = perFaultlineRun();

  it('is noticed and journaled; the run scores on, its revert has nothing to undo, verdict fail (not 4), no helper left', async () => {
    const { shop, child, out } = await runUntilShopPaused(run.id, {
      name: 'removed-mid-pause',
      duration: '14s',
      atLeast: '99%',
      faults: ['{ name: freeze, target: shop, type: pause, at: 4s, for: 6s }'],
    });
    const runId = faultline.watch(child.stderr()) ?? '';
    await docker.getContainer(shop.Id).remove({ force: true });
    const exit = await child.exited;
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    expect(journal.verdict).toBe('fail');
    expect(exit.code).toBe(1);
    expect(journal.faults[0]?.outcome).toBe('reverted');
    expect(journal.faults[0]?.revertEvidence[0]).toMatchObject({ check: 'container removed', ok: true });
    const notes = journal.notes.map((n) => n.message).join('\n');
    expect(notes).toMatch(/was removed while the fault was in place/);
    // Noticed when it happened (the run looks once a second), before the planned revert.
    const noticed = journal.notes.find((n) => /fault freeze is no longer in place/.test(n.message));
    expect(noticed?.message, notes).toMatch(/was removed \(not by faultline\)/);
    expect(noticed?.atMs ?? Infinity).toBeLessThan(journal.faults[0]?.revertedAtMs ?? 0);
    expect(await helpersLeft(runId)).toEqual([]);
  });
});
