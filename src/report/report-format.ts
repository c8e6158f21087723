import { formatDuration, formatPercentage } from '../experiment/quantities.ts';
import type { JournalSlos } from '../journal/journal-parts.ts';
import type { Journal } from '../journal/journal.ts';
import type { ObjectiveResult } from '../slo/window-summary.ts';

/** One objective as the journal declares it. */
export type ObjectiveDeclaration = JournalSlos['objectives'][number];

/** A duration in ms for people (`1.5s`), `—` when unknown. */
export function formatMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : formatDuration(Math.round(ms));
}

/** An objective's measured value in its unit (`144.9 ms`, `99.5%`, `12.0 req/s`). */
export function formatObjectiveValue(result: Pick<ObjectiveResult, 'kind' | 'value'>): string {
  if (result.value === null) return result.kind === 'latency' ? 'no answer' : '—';
  if (result.kind === 'latency') return `${result.value.toFixed(1)} ms`;
  if (result.kind === 'throughput') return `${result.value.toFixed(1)} req/s`;
  return formatPercentage(result.value);
}

/** A share of an error budget (`7468.7%`), `—` for objectives without one. */
export function formatBudget(consumed: number | null | undefined): string {
  if (consumed === null || consumed === undefined) return '—';
  if (!Number.isFinite(consumed)) return '∞';
  return `${(consumed * 100).toFixed(1)}%`;
}

/** What an objective requires, for people: `p99 < 300ms`, `success ≥ 99%`. */
export function thresholdText(o: ObjectiveDeclaration): string {
  if ('latency' in o) return `p${o.latency.percentile} < ${formatDuration(o.latency.below)}`;
  if ('success' in o) return `success ≥ ${formatPercentage(o.success['at-least'])}`;
  if ('errors' in o) return `errors < ${formatPercentage(o.errors.below)}`;
  if ('throughput' in o) return `throughput ≥ ${o.throughput['at-least']} req/s`;
  const { target, cpu, memory } = o.saturation;
  const parts = [
    ...(cpu ? [`cpu < ${formatPercentage(cpu.below)}`] : []),
    ...(memory
      ? [
          'share' in memory.below
            ? `memory < ${formatPercentage(memory.below.share)}`
            : `memory < ${memory.below.bytes} B`,
        ]
      : []),
  ];
  return `${target}: ${parts.join(', ')}`;
}

/** The journal's declaration of the objective named `name`, if any. */
export function declaredObjective(journal: Journal, name: string): ObjectiveDeclaration | undefined {
  return journal.slos.objectives.find((o) => o.name === name);
}

/** The title people see: the experiment's title, else its name. */
export function displayTitle(journal: Journal): string {
  return journal.experiment.title ?? journal.experiment.name;
}

/** The verdict in capitals (`FAIL`); `UNFINISHED` for a journal without one. */
export function verdictText(journal: Journal): string {
  return (journal.verdict ?? 'unfinished').toUpperCase();
}

/** An offset since load start with the wall-clock time it corresponds to (`+6s (15:03:14Z)`). */
export function atText(journal: Journal, atMs: number): string {
  const wall = new Date(Date.parse(journal.startedAt) + atMs);
  const clock = Number.isNaN(wall.getTime()) ? '' : ` (${wall.toISOString().slice(11, 19)}Z)`;
  return `+${formatMs(atMs)}${clock}`;
}
