import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/history/history-entry.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

function writeIndex(dir: string, entries: HistoryEntry[]): void {
  mkdirSync(join(dir, '.faultline'), { recursive: true });
  // A torn last line (a crash mid-append) is skipped, not an error.
  writeFileSync(
    join(dir, '.faultline', 'index.ndjson'),
    `${entries.map((e) => JSON.stringify(e)).join('\n')}\n{"kind":"ru`,
  );
}

const run = (i: number, experiment: string, ttr: number): HistoryEntry => ({
  kind: 'run',
  id: `2026120${i}T090000-${experiment}-000${i}`,
  experiment,
  at: `2026-12-0${i}T09:00:00.000Z`,
  path: `/x/${i}/journal.json`,
  verdict: 'pass',
  budgetBurned: 0.1,
  timeToRecoverMs: ttr,
  capacity: null,
  capacityUnder: null,
});

describe('faultline history', () => {
  it('flags the run whose time-to-recover doubled, exit 1; a steady experiment exits 0', async () => {
    const dir = tempDir();
    writeIndex(dir, [
      ...[1, 2, 3, 4, 5].map((i) => run(i, 'checkout', 3000 + 100 * (i % 2))),
      run(6, 'checkout', 6200),
      ...[1, 2, 3].map((i) => run(i, 'search', 1500)),
    ]);
    const flagged = await cli(['history', '--experiment', 'checkout'], { cwd: dir });
    expect(flagged.code).toBe(1);
    expect(flagged.stdout).toMatch(
      /regression: checkout \(20261206T090000-checkout-0006\): timeToRecoverMs 6200 vs median 3100 of the previous 5/,
    );
    expect(flagged.stdout.split('\n').filter((l) => l.includes('REGRESSION'))).toHaveLength(1);
    const steady = await cli(['history', '--experiment', 'search', '--json'], { cwd: dir });
    expect(steady.code).toBe(0);
    const data = JSON.parse(steady.stdout) as { entries: HistoryEntry[]; regressions: unknown[] };
    expect(data.entries).toHaveLength(3);
    expect(data.regressions).toEqual([]);
  });

  it('indexes every run: a real run shows up with its verdict and budget burned', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'indexed',
      objectives: '    - { name: ok, success: { at-least: 99% } }',
      rate: 20,
      duration: '3s',
      hypothesis: '  baseline: 2s',
    });
    const ran = await cli(['run', file, '--quiet'], { cwd: dir });
    expect(ran.code).toBe(0);
    const shown = await cli(['history', '--json'], { cwd: dir });
    const data = JSON.parse(shown.stdout) as { entries: HistoryEntry[] };
    expect(data.entries).toEqual([
      expect.objectContaining({ kind: 'run', experiment: 'indexed', verdict: 'pass', budgetBurned: 0 }),
    ]);
    expect(data.entries[0]?.path).toMatch(/journal\.json$/);
  });

  it('a bad flag is a flag error, exit 2', async () => {
    const result = await cli(['history', '--previous', '0'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--previous: expected a whole number of runs from 1 to 1000');
  });
});
