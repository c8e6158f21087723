import type { Evidence } from '../faults/fault-provider.ts';
import type { BudgetUse } from '../slo/budget.ts';
import type { PhaseScore } from '../slo/score-run.ts';
import type { Breach, Verdict } from '../slo/verdict.ts';
import type { ObjectiveResult, WindowSummary } from '../slo/window-summary.ts';
import type { PhaseName, PhaseSpan } from '../timeline/plan.ts';

/** Version of the journal's JSON shape; bumped on incompatible change. */
export const JOURNAL_FORMAT = 1;

/** What happened to one fault. */
export type FaultOutcome = 'reverted' | 'active' | 'not-run' | 'inject-failed' | 'revert-failed';

export interface FaultRecord {
  readonly name: string;
  readonly type: string;
  readonly target: string;
  readonly plannedAtMs: number;
  readonly plannedRevertAtMs: number | null;
  injectedAtMs: number | null;
  revertedAtMs: number | null;
  outcome: FaultOutcome;
  error: string | null;
  evidence: Evidence[];
  revertEvidence: Evidence[];
  healthyAfterMs: number | null;
  timeToImpactMs: number | null;
  timeToRecoverMs: number | null;
}

/** One phase's scores as the journal keeps them: the scorer's shape, unchanged. */
export type PhaseResult = PhaseScore;

/** The complete, typed record of one run (journal.json). */
export interface Journal {
  readonly format: typeof JOURNAL_FORMAT;
  readonly runId: string;
  readonly experiment: {
    readonly name: string;
    readonly title: string | null;
    readonly file: string;
    readonly tags: readonly string[];
  };
  readonly startedAt: string;
  endedAt: string | null;
  readonly plan: {
    readonly durationMs: number;
    readonly windowMs: number;
    readonly phases: readonly PhaseSpan[];
  };
  readonly load: { readonly url: string; readonly model: string; readonly timeoutMs: number };
  targets: { name: string; kind: string; members: { id: string; label: string }[] }[];
  faults: FaultRecord[];
  windows: WindowSummary[];
  phases: PhaseResult[];
  run: { objectives: ObjectiveResult[]; budgets: BudgetUse[] } | null;
  verdict: Verdict | null;
  breaches: Breach[];
  exitCode: number | null;
  notes: { atMs: number | null; message: string }[];
  loadTotals: { intended: number; sent: number; answered: number; connectionsOpened: number } | null;
}

/** One line of the incremental journal (journal.ndjson): what the run learned, as it learned it. */
export type JournalEvent =
  | { readonly kind: 'start'; readonly journal: Journal }
  | { readonly kind: 'phase'; readonly phase: PhaseName; readonly atMs: number }
  | { readonly kind: 'fault'; readonly fault: FaultRecord }
  | { readonly kind: 'window'; readonly window: WindowSummary }
  | { readonly kind: 'note'; readonly atMs: number | null; readonly message: string }
  | { readonly kind: 'end'; readonly journal: Journal };
