import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Journal, JournalEvent } from '../../src/journal/journal.ts';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

const objectives = '    - { name: availability, success: { at-least: 99% } }';
const short = { duration: '3s', hypothesis: '  warmup: 0s\n  baseline: 2s\n  after: 1s' };

describe('the journal folder (--out)', () => {
  it('a file in the way is a located flag error (exit 2) before anything starts; the file is untouched', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, { name: 'out-file', objectives, ...short });
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'keep me\n');
    const result = await cli(['run', file, '--out', blocker, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out: cannot keep the journal in ${blocker}: a file is in the way`);
    expect(result.stderr).toContain('nothing was run or changed');
    expect(result.stdout).toBe('');
    expect(readFileSync(blocker, 'utf8')).toBe('keep me\n');
  });

  it('a second run into the same folder replaces the first journal instead of appending to it', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, { name: 'same-out', objectives, ...short });
    const out = join(dir, 'journal');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const result = await cli(['run', file, '--out', out, '--json', '--quiet']);
      expect(result.code).toBe(0);
      ids.push((JSON.parse(result.stdout) as RunSummary).runId);
    }
    expect(ids[0]).not.toBe(ids[1]);
    const events = readFileSync(join(out, 'journal.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JournalEvent);
    const journals = events.flatMap((e) => (e.kind === 'start' || e.kind === 'end' ? [e.journal.runId] : []));
    expect(journals).toEqual([ids[1], ids[1]]);
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    expect(journal.runId).toBe(ids[1]);
  });
});
