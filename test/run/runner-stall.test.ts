import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

// The runner itself stalls (its whole process stopped, as a descheduled or swapped-out runner
// would be) while the system under test answers as fast as ever. The windows it could not measure
// must not be blamed on the system: the verdict is `inconclusive` (exit 6), never `fail` or
// `not-steady`, and never `pass` either.
describe('a runner that stalls mid-run', () => {
  afterEach(stopFaultlines);

  it('ends inconclusive (exit 6), its missed windows marked suspect with the runner lag that explains them', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'runner-stall',
      rate: 50,
      duration: '12s',
      objectives: '    - { name: p99, latency: { percentile: 99, below: 100ms } }',
      hypothesis: '  warmup: 1s\n  baseline: 2s\n  after: 2s',
    });
    const out = join(dir, 'journal');
    const child = startFaultline(['run', file, '--out', out]);
    await child.waitFor('window 4 ', 30_000);
    child.process.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, 2500));
    child.process.kill('SIGCONT');
    const exit = await child.exited;
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    const missed = journal.windows.filter((w) => w.phase !== 'warmup' && w.objectives.some((o) => !o.met));
    expect(missed.length, child.stderr()).toBeGreaterThan(0);
    expect(missed.every((w) => w.suspect)).toBe(true);
    expect(journal.breaches.length).toBeGreaterThan(0);
    expect(journal.breaches.every((b) => b.suspect)).toBe(true);
    expect(journal.verdict).toBe('inconclusive');
    expect(exit.code).toBe(6);
    expect(child.stdout()).toMatch(/INCONCLUSIVE/);
  });
});
