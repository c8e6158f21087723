import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

const availability = '    - { name: availability, success: { at-least: 99% } }';

async function run(
  name: string,
  objectives: string,
  faults?: string,
): Promise<{ code: number; summary: RunSummary; journal: Journal }> {
  const dir = tempDir();
  const file = await writeShopExperiment(dir, { name, objectives, ...(faults ? { faults } : {}) });
  const result = await cli(['run', file, '--json', '--out', `${dir}/journal`, '--quiet']);
  expect(result.stderr).toBe('');
  const summary = JSON.parse(result.stdout) as RunSummary;
  const journal = JSON.parse(readFileSync(summary.journal, 'utf8')) as Journal;
  return { code: result.code, summary, journal };
}

describe('verdicts against the demo shop at 200 req/s, 1 s windows', () => {
  it('a 3 s SIGSTOP of the target fails availability, inside the pause, and reports time-to-recover', async () => {
    const { code, summary, journal } = await run(
      'pause-fails',
      availability,
      '  - { name: freeze, target: shop, type: pause, at: 6s, for: 3s }',
    );
    expect(summary.verdict).toBe('fail');
    expect(code).toBe(1);
    const fault = summary.faults[0];
    expect(fault).toMatchObject({ name: 'freeze', outcome: 'reverted' });
    const injected = fault?.injectedAtMs ?? NaN;
    const reverted = fault?.revertedAtMs ?? NaN;
    expect(reverted - injected).toBeGreaterThanOrEqual(2900);
    const breaches = summary.breaches.filter((b) => b.phase === 'faults');
    expect(breaches.length).toBeGreaterThan(0);
    for (const b of breaches) {
      expect(b.windowEndMs).toBeGreaterThan(injected);
      expect(b.windowStartMs).toBeLessThan(reverted);
    }
    expect(fault?.timeToRecoverMs).not.toBeNull();
    expect(fault?.timeToRecoverMs ?? Infinity).toBeLessThan(3000);
    // The pause really stopped the process: the journal holds the kernel's word for it.
    expect(journal.faults[0]?.evidence[0]).toMatchObject({ check: 'process state', ok: true });
    expect(journal.faults[0]?.revertEvidence[0]).toMatchObject({ ok: true });
  });

  it('the same experiment with no fault passes', async () => {
    const { code, summary } = await run('no-fault-passes', availability);
    expect(summary.verdict).toBe('pass');
    expect(code).toBe(0);
    expect(summary.phases.find((p) => p.phase === 'baseline')?.windows).toBeGreaterThanOrEqual(3);
    expect(summary.objectives[0]?.value).toBeGreaterThanOrEqual(0.99);
  });

  it('a latency SLO the service meets passes; one it cannot meet fails', async () => {
    // The shop holds each request ≥ 2 ms (SERVICE_MS): p50 below 1 s is easy, p50 below 1 ms impossible.
    const met = await run('latency-met', '    - { name: p50, latency: { percentile: 50, below: 1s } }');
    expect(met.summary.verdict).toBe('pass');
    const unmet = await run('latency-unmet', '    - { name: p50, latency: { percentile: 50, below: 1ms } }');
    expect(unmet.summary.verdict).toBe('not-steady');
    expect(unmet.code).toBe(1);
    expect(unmet.summary.breaches[0]).toMatchObject({ phase: 'baseline', objective: 'p50' });
    expect(unmet.summary.breaches[0]?.value ?? 0).toBeGreaterThan(1);
  });
});
