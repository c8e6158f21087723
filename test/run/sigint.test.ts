import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal, JournalEvent } from '../../src/journal/journal.ts';
import { processState } from '../../src/faults/process/process-state.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

describe('Ctrl-C or a kill during a run', () => {
  afterEach(stopFaultlines);

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s resumes a paused process target before the runner exits, and exits 3',
    async (signal) => {
      const dir = tempDir();
      const file = await writeShopExperiment(dir, {
        name: 'interrupted',
        objectives: '    - { name: availability, success: { at-least: 99% } }',
        duration: '40s',
        faults: '  - { name: freeze, target: shop, type: pause, at: 5s, for: 20s }',
      });
      const out = join(dir, 'journal');
      const child = startFaultline(['run', file, '--out', out]);
      await child.waitFor('inject freeze', 30_000);
      await new Promise((r) => setTimeout(r, 1000));
      const journalMid = readFileSync(join(out, 'journal.ndjson'), 'utf8');
      const start = JSON.parse(journalMid.split('\n')[0] ?? '{}') as { journal: Journal };
      expect(start.journal.faults[0]?.name).toBe('freeze');
      child.process.kill(signal);
      expect((await child.exited).code).toBe(3);
      const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
      expect(journal.verdict).toBe('aborted');
      const fault = journal.faults[0];
      expect(fault?.outcome).toBe('reverted');
      expect(fault?.evidence[0]).toMatchObject({ check: 'process state', ok: true });
      expect(fault?.revertEvidence[0]).toMatchObject({ check: 'process state', ok: true });
      // The revert was journaled before the run ended.
      const events = readFileSync(join(out, 'journal.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as JournalEvent);
      const revertedAt = events.findIndex((e) => e.kind === 'fault' && e.fault.outcome === 'reverted');
      const endAt = events.findIndex((e) => e.kind === 'end');
      expect(revertedAt).toBeGreaterThan(-1);
      expect(revertedAt).toBeLessThan(endAt);
      // Nothing left behind: the target processes the run started are gone, none left stopped.
      for (const target of journal.targets) {
        for (const member of target.members) expect(await processState(Number(member.id))).toBeUndefined();
      }
      expect(child.stderr()).toContain(`${signal}: stopping`);
    },
  );
});
