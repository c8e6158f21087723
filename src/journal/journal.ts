import type { Evidence } from '../faults/fault-provider.ts';
import type { BudgetUse } from '../slo/budget.ts';
import type { PhaseScore } from '../slo/score-run.ts';
import type { Breach, Verdict } from '../slo/verdict.ts';
import type { ObjectiveResult, WindowSummary } from '../slo/window-summary.ts';
import type { PhaseName, PhaseSpan } from '../timeline/plan.ts';
import type {
  JournalEnvironment,
  JournalHypothesis,
  JournalLoad,
  JournalSlos,
  ResolvedExperiment,
} from './journal-parts.ts';

/** Major version of the journal's JSON shape; bumped on incompatible change (docs/journal.md). */
export const JOURNAL_FORMAT = 1;
/** Minor version: bumped when fields are added; readers of the same major accept any minor. */
export const JOURNAL_FORMAT_MINOR = 1;
/** The `$id` of schema/journal.schema.json, written into every journal as `schema`. */
export const JOURNAL_SCHEMA_ID = 'https://faultline.dev/schema/journal.schema.json';

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

/**
 * The complete, typed record of one run (journal.json): the contract every reporter reads.
 * Its JSON Schema (schema/journal.schema.json) is generated from journal-schema.ts, which a
 * compile-time check keeps equal to this type.
 */
export interface Journal {
  readonly format: typeof JOURNAL_FORMAT;
  readonly formatMinor: number;
  readonly schema: string;
  readonly runId: string;
  readonly experiment: {
    readonly name: string;
    readonly title: string | null;
    readonly description: string | null;
    readonly file: string;
    readonly tags: readonly string[];
    /** The experiment after defaults, scenario expansion and env values (secrets redacted on disk). */
    readonly resolved: ResolvedExperiment;
  };
  /** Objectives with their thresholds, and the SLO window. */
  readonly slos: JournalSlos;
  readonly hypothesis: JournalHypothesis;
  readonly environment: JournalEnvironment | null;
  readonly startedAt: string;
  endedAt: string | null;
  readonly plan: {
    readonly durationMs: number;
    readonly windowMs: number;
    readonly phases: readonly PhaseSpan[];
  };
  readonly load: JournalLoad;
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
