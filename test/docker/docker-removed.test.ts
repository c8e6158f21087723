import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import {
  docker,
  helpersLeft,
  inspect,
  perFaultlineRun,
  perTestRun,
  skipDocker,
  startHostShop,
} from './docker-fixture.ts';

describe.skipIf(skipDocker)('a paused target container removed by someone else mid-fault', () => {
  const run = perTestRun();
  const faultline = perFaultlineRun();

  it('is noticed and journaled; the run scores on, its revert has nothing to undo, verdict fail (not 4), no helper left', async () => {
    const port = await freePort();
    const info = await startHostShop(run.id, port);
    const dir = tempDir();
    const file = join(dir, 'removed.yaml');
    writeFileSync(
      file,
      `version: 1
name: removed-mid-pause
targets: { shop: { container: fl-${run.id}-shop } }
load: { url: "http://127.0.0.1:${port}", rate: 20, duration: 14s, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 99% } }] }
hypothesis: { warmup: 1s, baseline: 2s, after: 2s }
faults: [{ name: freeze, target: shop, type: pause, at: 4s, for: 6s }]
`,
    );
    const out = join(dir, 'journal');
    const child = startFaultline(['run', file, '--out', out]);
    const paused = await waitUntil(
      async () => ((await inspect(info.Id)).State.Paused ? true : undefined),
      30_000,
      100,
    );
    expect(paused, `never paused; the run said:\n${child.stderr()}`).toBe(true);
    const runId = faultline.watch(child.stderr()) ?? '';
    await docker.getContainer(info.Id).remove({ force: true });
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
