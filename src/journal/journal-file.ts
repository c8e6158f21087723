import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Journal, JournalEvent } from './journal.ts';
import { redactText } from './redact.ts';

/**
 * Writes a run's journal to `dir`: every event appended to journal.ndjson as it happens (so a
 * crash leaves a readable partial record), and journal.json replaced atomically at each
 * checkpoint and at the end. Secrets are redacted in both. A folder that holds an earlier run's
 * journal (a fixed `--out` in CI) starts over: the old files are replaced, never appended to, and
 * a stale journal.json cannot pass for this run's if this run dies before its first checkpoint.
 * The constructor throws (Node's fs error) when the folder cannot be created or written.
 */
export class JournalFile {
  readonly ndjsonPath: string;
  readonly jsonPath: string;

  constructor(
    readonly dir: string,
    readonly secrets: ReadonlyMap<string, string>,
  ) {
    mkdirSync(dir, { recursive: true });
    this.ndjsonPath = join(dir, 'journal.ndjson');
    this.jsonPath = join(dir, 'journal.json');
    rmSync(this.jsonPath, { force: true });
    writeFileSync(this.ndjsonPath, '');
  }

  append(event: JournalEvent): void {
    appendFileSync(this.ndjsonPath, `${redactText(JSON.stringify(event), this.secrets)}\n`);
  }

  /** Writes the whole journal (atomically: temp file, then rename). */
  write(journal: Journal): void {
    const temp = `${this.jsonPath}.tmp`;
    writeFileSync(temp, `${redactText(JSON.stringify(journal, null, 2), this.secrets)}\n`);
    renameSync(temp, this.jsonPath);
  }
}
