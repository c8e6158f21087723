import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEntry } from './history-entry.ts';

/** The history index of a working folder. */
export function historyIndexPath(cwd: string): string {
  return join(cwd, '.faultline', 'index.ndjson');
}

/**
 * Appends one entry to the history index as a single write of one line to a file opened for
 * appending: concurrent runs (a game day in parallel) never interleave or overwrite each other's
 * lines, and a crash leaves at worst one torn last line, which readers skip. Never throws: a
 * history that cannot be written is reported on `warn` and the run's result stands.
 */
export function recordInHistory(cwd: string, entry: HistoryEntry, warn?: (message: string) => void): void {
  try {
    mkdirSync(join(cwd, '.faultline'), { recursive: true });
    appendFileSync(historyIndexPath(cwd), `${JSON.stringify(entry)}\n`, { flag: 'a' });
  } catch (error) {
    warn?.(`history: could not index ${entry.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
