/**
 * Polls `check` every `everyMs` until it returns a value other than undefined (→ that value) or
 * `timeoutMs` passes (→ undefined). `check` is always called at least once. Errors propagate.
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() + everyMs > deadline) return undefined;
    await sleep(everyMs);
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
