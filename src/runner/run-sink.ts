import type { JournalEvent } from '../journal/journal.ts';

/** Where a run reports as it goes: journal events (to disk) and human log lines (to stderr). */
export interface RunSink {
  event(event: JournalEvent): void;
  log(line: string): void;
}
