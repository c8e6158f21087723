/**
 * Wraps an async action so that it succeeds at most once: later and concurrent calls get the
 * first successful call's promise. A call that failed may be tried again (a revert retried after
 * a transient engine error); concurrent calls still share one attempt. This is what makes every
 * revert idempotent.
 */
export function once<T>(action: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () =>
    (result ??= action().catch((error: unknown) => {
      result = undefined;
      throw error;
    }));
}
