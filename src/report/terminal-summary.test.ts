import { describe, expect, it } from 'vitest';
import { experimentFixture } from '../experiment/experiment-fixture.ts';
import type { FaultRecord, Journal } from '../journal/journal.ts';
import { loadPlanFor } from '../runner/load-plan.ts';
import { newJournal } from '../runner/new-journal.ts';
import { planExperiment } from '../timeline/plan.ts';
import { decideVerdict } from '../slo/verdict.ts';
import { windowFixture } from '../slo/window-fixture.ts';
import { runSummary } from './run-summary.ts';
import { terminalSummary } from './terminal-summary.ts';

const fault = (name: string, timeToImpactMs: number | null, timeToRecoverMs: number | null): FaultRecord => ({
  name,
  type: 'pause',
  target: 'shop',
  plannedAtMs: 2000,
  plannedRevertAtMs: 3000,
  injectedAtMs: 2000,
  revertedAtMs: 3000,
  outcome: 'reverted',
  error: null,
  evidence: [],
  revertEvidence: [],
  healthyAfterMs: null,
  timeToImpactMs,
  timeToRecoverMs,
});

function journalOf(windows: Journal['windows'], faults: FaultRecord[]): Journal {
  const { verdict, breaches, notes } = decideVerdict({
    hypothesis: { warmup: 0, baseline: 2000, 'during-faults': 'hold', after: 1000 },
    windows,
    intervals: faults.map((f) => ({ name: f.name, injectedAtMs: 2000, revertedAtMs: 3000 })),
    faultsPlanned: faults.length > 0,
    faultBudgetShare: new Map(),
    aborted: false,
    error: false,
    baselineFailed: false,
  });
  const experiment = experimentFixture({ duration: 5000, baseline: 2000, after: 1000 });
  const journal = newJournal(
    'r1',
    { ...experiment, name: 'shop' },
    planExperiment(experiment),
    loadPlanFor(experiment.load),
    faults,
    new Date('2026-12-02T00:00:00.000Z'),
  );
  return {
    ...journal,
    windows,
    verdict,
    breaches,
    exitCode: 1,
    notes: notes.map((message) => ({ atMs: null, message })),
  };
}

describe('terminalSummary', () => {
  it("shows each breach's phase, objective, value, window, why and top causes", () => {
    const journal = journalOf(
      [
        windowFixture(0, 'baseline', true),
        windowFixture(1000, 'baseline', false),
        windowFixture(2000, 'faults', true, { activeFaults: ['freeze'] }),
      ],
      [fault('freeze', null, null)],
    );
    const text = terminalSummary(journal, 'j.json');
    expect(text).toContain('shop: NOT-STEADY');
    expect(text).toContain(
      '[baseline] availability 50% in 1s–2s: missed before the first fault was injected: the system was not steady',
    );
    expect(text).toContain('causes: http 503 ×50 ("Service Unavailable")');
    // A fault with no impact has no time-to-recover.
    expect(text).toContain('freeze (pause on shop): reverted; injected 2s, reverted 3s, no impact');
    expect(runSummary(journal, 'j.json').faults[0]?.impact).toBe(false);
    expect(runSummary(journal, 'j.json').breaches[0]?.causes[0]).toMatchObject({
      cause: 'http 503',
      count: 50,
    });
  });

  it('marks breaches that rest on runner lag and says what to do when the verdict is inconclusive', () => {
    const journal = journalOf(
      [windowFixture(0, 'baseline', true), windowFixture(1000, 'baseline', false, { suspect: true })],
      [],
    );
    const text = terminalSummary(journal, 'j.json');
    expect(text).toContain('shop: INCONCLUSIVE');
    expect(text).toContain('in 1s–2s (runner lag): missed in a run with no faults');
    expect(text).toMatch(/note: inconclusive: .*event-loop delay p99 main 400 ms.*fewer connections/);
  });

  it('shows a recovery breach in ms', () => {
    const windows = [
      windowFixture(0, 'baseline', true),
      windowFixture(2000, 'faults', true, { activeFaults: ['freeze'] }),
      windowFixture(3000, 'recovery', false),
      windowFixture(4000, 'recovery', false),
    ];
    const text = terminalSummary(journalOf(windows, [fault('freeze', 1000, null)]), 'j.json');
    expect(text).toContain('[recovery] availability not recovered in 3s–5s: fault freeze did not recover');
    expect(text).toContain('impact after 1s, not recovered');
  });
});
