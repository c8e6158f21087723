import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { writeTroubleExperiment, type TroubleExperimentOptions } from '../helpers/trouble-experiment.ts';

// Each run drives 100 req/s with 500 ms windows at a service that answers 503 (or slowly) at
// scripted offsets from the start of load; the verdict must name the right rule.
async function run(
  o: TroubleExperimentOptions,
): Promise<{ code: number; summary: RunSummary; journal: Journal }> {
  const dir = tempDir();
  const file = await writeTroubleExperiment(dir, o);
  const result = await cli(['run', file, '--json', '--out', `${dir}/journal`, '--quiet']);
  expect(result.stderr).toBe('');
  const summary = JSON.parse(result.stdout) as RunSummary;
  const journal = JSON.parse(readFileSync(summary.journal, 'utf8')) as Journal;
  return { code: result.code, summary, journal };
}

/** The windows, one a line, to show when an assertion fails. */
const windowsOf = (journal: Journal) =>
  journal.windows
    .map(
      (w) =>
        `${w.startMs} ${w.phase} ${w.activeFaults.join()} met=${w.met} good=${w.good}/${w.valid} p99=${w.latency.p99}`,
    )
    .join('\n');

const steadyOnly = '  warmup: 500ms\n  baseline: 1s\n  after: 1s';
// Baseline ends at 1.5 s; a 1 s freeze of the service from 1.5 s (requests queue past the p99
// threshold: an impact); after from 5.5 s.
const withFreeze = {
  hypothesis: '  warmup: 500ms\n  baseline: 1s\n  recover-within: 2s\n  after: 1s',
  faults: '  - { name: freeze, target: svc, type: pause, at: 1500ms, for: 1s }',
  duration: '6500ms',
};

describe('verdicts against a scripted-trouble service (100 req/s, 500 ms windows)', () => {
  it('503s between the end of the baseline and the first fault: not-steady, nothing injected', async () => {
    const { code, summary } = await run({
      name: 'trouble-before-fault',
      trouble: '503@1700-2200',
      hypothesis: steadyOnly,
      faults: '  - { name: freeze, target: svc, type: pause, at: 2500ms, for: 500ms }',
      duration: '5s',
    });
    expect(summary.verdict).toBe('not-steady');
    expect(code).toBe(1);
    expect(summary.faults[0]).toMatchObject({ name: 'freeze', injectedAtMs: null });
    const breach = summary.breaches.find((b) => b.objective === 'availability');
    expect(breach).toMatchObject({ rule: 'pre-fault', phase: 'baseline', outcome: 'not-steady' });
    expect(breach?.windowStartMs ?? 0).toBeGreaterThanOrEqual(1500);
    expect(breach?.value ?? 1).toBeLessThan(0.99);
    expect(breach?.reason).toContain('before the first fault was injected');
  });

  it('503s after the fault had recovered: fail, a relapse', async () => {
    // Recovered from 3 s at the latest (3–4.5 s good); the 503s start at 4.7 s, before after (5.5 s).
    const { code, summary, journal } = await run({
      name: 'trouble-relapse',
      trouble: '503@4700-5100',
      ...withFreeze,
    });
    expect(summary.verdict, windowsOf(journal)).toBe('fail');
    expect(code).toBe(1);
    const fault = summary.faults[0];
    expect(fault).toMatchObject({ name: 'freeze', outcome: 'reverted', impact: true });
    expect(fault?.timeToRecoverMs ?? Infinity, windowsOf(journal)).toBeLessThanOrEqual(2000);
    const relapses = summary.breaches.filter((b) => b.rule === 'relapse');
    expect(relapses.length).toBeGreaterThan(0);
    for (const b of relapses) {
      expect(b).toMatchObject({ phase: 'recovery', objective: 'availability', outcome: 'fail' });
      expect(b.windowStartMs).toBeGreaterThanOrEqual(
        (fault?.revertedAtMs ?? 0) + (fault?.timeToRecoverMs ?? 0),
      );
      expect(b.reason).toBe('missed after freeze had recovered: a relapse');
    }
    // The freeze itself is judged by `hold` (its windows were slow); nothing else is blamed.
    expect(summary.breaches.every((b) => b.rule === 'relapse' || b.rule === 'during-faults')).toBe(true);
  });

  it('slow answers in the steady state after: fail', async () => {
    // Answered 600 ms late from 5.6 s to 5.9 s: every late answer arrives before load ends at 6.5 s.
    const { code, summary, journal } = await run({
      name: 'trouble-after',
      trouble: 'slow600@5600-5900',
      ...withFreeze,
    });
    expect(summary.verdict, windowsOf(journal)).toBe('fail');
    expect(code).toBe(1);
    const after = summary.breaches.filter((b) => b.rule === 'after');
    expect(after.length, windowsOf(journal)).toBeGreaterThan(0);
    expect(after[0]).toMatchObject({ phase: 'after', objective: 'p99' });
    expect(after[0]?.value ?? 0).toBeGreaterThanOrEqual(500);
    expect(summary.breaches.every((b) => b.rule === 'after' || b.rule === 'during-faults')).toBe(true);
  });

  it('503s in a run with no faults: not-steady (a steady-state check)', async () => {
    const { code, summary, journal } = await run({
      name: 'trouble-no-faults',
      trouble: '503@2400-2800',
      hypothesis: steadyOnly,
      duration: '4s',
    });
    expect(summary.verdict).toBe('not-steady');
    expect(code).toBe(1);
    expect(summary.breaches[0]).toMatchObject({
      rule: 'pre-fault',
      objective: 'availability',
      outcome: 'not-steady',
    });
    expect(summary.breaches[0]?.windowStartMs ?? 0).toBeGreaterThanOrEqual(2000);
    expect(summary.breaches[0]?.reason).toContain('steady-state check');
    // Windows that missed are exactly those the breaches name.
    const missed = journal.windows.filter((w) => !w.met && w.phase !== 'warmup').map((w) => w.startMs);
    expect([...new Set(summary.breaches.map((b) => b.windowStartMs))]).toEqual(missed);
  });

  it('the same service without trouble: pass, exit 0, every window scored', async () => {
    const { code, summary, journal } = await run({
      name: 'no-trouble',
      hypothesis: steadyOnly,
      duration: '3800ms',
    });
    expect(summary.verdict).toBe('pass');
    expect(code).toBe(0);
    // 3.8 s in 500 ms windows: the last 300 ms are scored as a window of their own.
    expect(journal.windows.at(-1)).toMatchObject({ startMs: 3500, endMs: 3800, met: true });
    expect(summary.breaches).toEqual([]);
  });
});
