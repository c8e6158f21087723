/**
 * What the current run is undoing right now, for a person pressing Ctrl-C again: the CLI's
 * signal handler reads it to say what is still being reverted (second signal) or what is left
 * (third). One per process: a faultline process runs one experiment at a time.
 */
export class RevertProgress {
  /** The run id, for the `faultline recover --run <id>` command printed on a hard exit. */
  runId: string | undefined;
  readonly #pending = new Map<number, string>();
  #next = 0;
  readonly #hurry = new AbortController();

  /** Notes that `what` is being undone; call the returned function when it is done. */
  begin(what: string): () => void {
    const id = this.#next++;
    this.#pending.set(id, what);
    return () => void this.#pending.delete(id);
  }

  /** What is being undone now, oldest first. */
  get pending(): string[] {
    return [...this.#pending.values()];
  }

  /** Aborted on a second signal: slow, polite steps (grace periods) are skipped for fast ones. */
  get hurry(): AbortSignal {
    return this.#hurry.signal;
  }

  /** Asks every undo under way to take its fast path. */
  hurryUp(): void {
    this.#hurry.abort(new Error('hurry'));
  }
}

/** The process-wide progress of reverts. */
export const revertProgress = new RevertProgress();
