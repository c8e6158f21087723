import type { Journal } from '../journal/journal.ts';
import type { Breach } from '../slo/verdict.ts';
import type { BadCause } from '../slo/window-summary.ts';
import { breachCauses } from './breach-causes.ts';

/** The machine-readable summary `faultline run --json` prints: verdict, objectives, phases, faults. */
export interface RunSummary {
  readonly verdict: Journal['verdict'];
  readonly exitCode: number | null;
  readonly runId: string;
  readonly experiment: string;
  readonly journal: string;
  readonly objectives: { name: string; met: boolean; value: number | null }[];
  readonly budgets: { objective: string; consumed: number | null; bad: number; valid: number }[];
  readonly phases: {
    phase: string;
    windows: number;
    badWindows: number;
    objectives: { name: string; met: boolean; value: number | null }[];
    budgets: { objective: string; consumed: number | null }[];
  }[];
  readonly faults: {
    name: string;
    type: string;
    target: string;
    outcome: string;
    injectedAtMs: number | null;
    revertedAtMs: number | null;
    timeToImpactMs: number | null;
    timeToRecoverMs: number | null;
    /** false when the fault was injected but no window showed an impact (so no time-to-recover); null if never injected. */
    impact: boolean | null;
    healthyAfterMs: number | null;
    error: string | null;
  }[];
  /** Every breach, with the top causes of bad events in the windows it rests on. */
  readonly breaches: (Breach & { causes: BadCause[] })[];
  readonly notes: string[];
}

/** Builds the summary from a finished journal. Pure. */
export function runSummary(journal: Journal, journalPath: string): RunSummary {
  return {
    verdict: journal.verdict,
    exitCode: journal.exitCode,
    runId: journal.runId,
    experiment: journal.experiment.name,
    journal: journalPath,
    objectives: (journal.run?.objectives ?? []).map((o) => ({
      name: o.objective,
      met: o.met,
      value: o.value,
    })),
    budgets: (journal.run?.budgets ?? []).map((b) => ({
      objective: b.objective,
      consumed: b.consumed,
      bad: b.bad,
      valid: b.valid,
    })),
    phases: journal.phases.map((p) => ({
      phase: p.phase,
      windows: p.windows,
      badWindows: p.badWindows,
      objectives: p.objectives.map((o) => ({ name: o.objective, met: o.met, value: o.value })),
      budgets: p.budgets.map((b) => ({ objective: b.objective, consumed: b.consumed })),
    })),
    faults: journal.faults.map((f) => ({
      name: f.name,
      type: f.type,
      target: f.target,
      outcome: f.outcome,
      injectedAtMs: f.injectedAtMs,
      revertedAtMs: f.revertedAtMs,
      timeToImpactMs: f.timeToImpactMs,
      timeToRecoverMs: f.timeToRecoverMs,
      impact: f.injectedAtMs === null ? null : f.timeToImpactMs !== null,
      healthyAfterMs: f.healthyAfterMs,
      error: f.error,
    })),
    breaches: journal.breaches.map((b) => ({ ...b, causes: breachCauses(journal.windows, b) })),
    notes: journal.notes.map((n) => n.message),
  };
}
