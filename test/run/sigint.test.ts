import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Journal, JournalEvent } from '../../src/journal/journal.ts';
import { processState } from '../../src/faults/process/process-state.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

describe('Ctrl-C or a kill during a run', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s resumes a paused process target before the runner exits, and exits 3', async (signal) => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'interrupted',
      objectives: '    - { name: availability, success: { at-least: 99% } }',
      duration: '40s',
      faults: '  - { name: freeze, target: shop, type: pause, at: 5s, for: 20s }',
    });
    const out = join(dir, 'journal');
    const child = spawn(process.execPath, ['bin/faultline.js', 'run', file, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no inject seen; stderr so far:\n${stderr}`)), 30_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('inject freeze')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, 1000));
    const journalMid = readFileSync(join(out, 'journal.ndjson'), 'utf8');
    const start = JSON.parse(journalMid.split('\n')[0] ?? '{}') as { journal: Journal };
    expect(start.journal.faults[0]?.name).toBe('freeze');
    child.kill(signal);
    const code = await exited;
    expect(code).toBe(3);
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    expect(journal.verdict).toBe('aborted');
    const fault = journal.faults[0];
    expect(fault?.outcome).toBe('reverted');
    expect(fault?.evidence[0]).toMatchObject({ check: 'process state', ok: true });
    expect(fault?.revertEvidence[0]).toMatchObject({ check: 'process state', ok: true });
    // The revert was journaled before the run ended.
    const events = readFileSync(join(out, 'journal.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as JournalEvent);
    const revertedAt = events.findIndex((e) => e.kind === 'fault' && e.fault.outcome === 'reverted');
    const endAt = events.findIndex((e) => e.kind === 'end');
    expect(revertedAt).toBeGreaterThan(-1);
    expect(revertedAt).toBeLessThan(endAt);
    // Nothing left behind: the target processes the run started are gone, none left stopped.
    for (const target of journal.targets) {
      for (const member of target.members) expect(await processState(Number(member.id))).toBeUndefined();
    }
    expect(stderr).toContain(`${signal}: stopping`);
  });
});
