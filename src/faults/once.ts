/**
 * Wraps an async action so that it runs at most once: later and concurrent calls get the first
 * call's promise. This is what makes every revert idempotent.
 */
export function once<T>(action: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= action());
}
