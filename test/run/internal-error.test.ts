import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processState } from '../../src/faults/process/process-state.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

describe('a bug that throws outside every promise chain, mid-fault', () => {
  afterEach(stopFaultlines);

  it.each([
    ['throw', 'uncaught exception'],
    ['reject', 'unhandled rejection'],
  ])(
    'CRASH_KIND=%s (%s): the pause is reverted, targets stopped, journal complete, exit 5',
    async (kind, words) => {
      const dir = tempDir();
      const file = await writeShopExperiment(dir, {
        name: `crash-${kind}`,
        objectives: '    - { name: availability, success: { at-least: 99% } }',
        duration: '40s',
        faults: '  - { name: freeze, target: shop, type: pause, at: 5s, for: 20s }',
      });
      const out = join(dir, 'journal');
      const child = startFaultline(['run', file, '--out', out], {
        env: { CRASH_KIND: kind },
        nodeArgs: ['--import', './test/helpers/crash-on-signal.mjs'],
      });
      await child.waitFor('inject freeze', 30_000);
      const startedAt = Date.now();
      child.process.kill('SIGUSR2');
      const { code } = await child.exited;
      expect(code).toBe(5);
      expect(Date.now() - startedAt).toBeLessThan(15_000); // it stopped; it did not sit out the pause
      expect(child.stderr()).toContain(`internal error: Error: injected bug (${words})`);
      const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
      expect(journal.faults[0]).toMatchObject({ name: 'freeze', outcome: 'reverted' });
      expect(journal.notes.map((n) => n.message)).toContain(
        `stopped by injected bug (${words}); reverting every fault`,
      );
      for (const target of journal.targets) {
        for (const member of target.members) expect(await processState(Number(member.id))).toBeUndefined();
      }
    },
  );
});
