/** Something that can be undone; `undo` must be idempotent. */
export interface Undoable {
  readonly name: string;
  undo(): Promise<void>;
}

/** What happened when the ledger was settled. */
export interface SettleReport {
  readonly undone: string[];
  readonly failed: { name: string; error: string }[];
}

/**
 * Every change the run has made and not yet undone. `settle` undoes them all, newest first,
 * each bounded by `timeoutMs`, and keeps going past failures: one stuck revert never stops the
 * others. Entries leave the ledger when undone (by settle or by their own planned revert).
 */
export class RollbackLedger {
  readonly #open = new Map<string, Undoable>();

  record(entry: Undoable): void {
    this.#open.set(entry.name, entry);
  }

  forget(name: string): void {
    this.#open.delete(name);
  }

  get pending(): string[] {
    return [...this.#open.keys()];
  }

  async settle(timeoutMs: number): Promise<SettleReport> {
    const report: SettleReport = { undone: [], failed: [] };
    for (const entry of [...this.#open.values()].reverse()) {
      try {
        await withTimeout(
          entry.undo(),
          timeoutMs,
          `revert of ${entry.name} did not finish within ${timeoutMs} ms`,
        );
        report.undone.push(entry.name);
        this.#open.delete(entry.name);
      } catch (error) {
        report.failed.push({
          name: entry.name,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return report;
  }
}

/** Rejects with `message` when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
