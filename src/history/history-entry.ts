import type { Journal } from '../journal/journal.ts';

/** What produced a history entry. */
export type HistoryKind = 'run' | 'capacity' | 'gameday';

/**
 * One line of the history index (.faultline/index.ndjson): a run, a capacity search or a game
 * day, with the figures `faultline history` compares over time. Times in ms, rates in req/s.
 */
export interface HistoryEntry {
  readonly kind: HistoryKind;
  /** Run id (also the folder name of its record). */
  readonly id: string;
  /** The experiment's (or game day's) name. */
  readonly experiment: string;
  /** When it started, ISO 8601. */
  readonly at: string;
  /** Its record: journal.json, capacity.json or gameday.json. */
  readonly path: string;
  readonly verdict: string;
  /** The most of any objective's error budget the run spent (1 = all of it); null if none. */
  readonly budgetBurned: number | null;
  /** The longest time-to-recover of any fault; null when no fault recovered or none ran. */
  readonly timeToRecoverMs: number | null;
  readonly capacity: number | null;
  /** Capacity with the `--under` fault held, when measured. */
  readonly capacityUnder: number | null;
}

/** The history entry of a finished run, from its journal. */
export function runHistoryEntry(journal: Journal, path: string): HistoryEntry {
  const burned = (journal.run?.budgets ?? []).flatMap((b) =>
    b.consumed === null ? [] : [Number.isFinite(b.consumed) ? b.consumed : 1e9],
  );
  const recovered = journal.faults.flatMap((f) => (f.timeToRecoverMs === null ? [] : [f.timeToRecoverMs]));
  return {
    kind: 'run',
    id: journal.runId,
    experiment: journal.experiment.name,
    at: journal.startedAt,
    path,
    verdict: journal.verdict ?? 'error',
    budgetBurned: burned.length === 0 ? null : Math.max(...burned),
    timeToRecoverMs: recovered.length === 0 ? null : Math.max(...recovered),
    capacity: null,
    capacityUnder: null,
  };
}

/** Reads the index text: one entry per line; lines that are not entries (a torn write) are skipped. */
export function parseHistory(text: string): HistoryEntry[] {
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try {
      const value = JSON.parse(line) as Partial<HistoryEntry>;
      return typeof value.id === 'string' &&
        typeof value.experiment === 'string' &&
        typeof value.at === 'string'
        ? [value as HistoryEntry]
        : [];
    } catch {
      return [];
    }
  });
}
