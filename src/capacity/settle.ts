import type { RequestSpec } from '../experiment/model.ts';

/**
 * After an overloaded level, waits until the service answers one request of the load's mix
 * well (2xx/3xx within `goodWithinMs`) twice in a row, so the next level does not start on the
 * last one's backlog. Polls every 250 ms for at most `maxMs`; returns how long it took, or
 * null when the service did not settle in time (the caller notes it and goes on).
 */
export async function settle(
  url: string,
  request: RequestSpec,
  goodWithinMs: number,
  maxMs: number,
  signal: AbortSignal,
): Promise<number | null> {
  const start = performance.now();
  let good = 0;
  while (performance.now() - start < maxMs && !signal.aborted) {
    const sent = performance.now();
    try {
      const init: RequestInit = {
        method: request.method,
        signal: AbortSignal.any([signal, AbortSignal.timeout(Math.max(goodWithinMs * 4, 1000))]),
      };
      if (request.headers) init.headers = request.headers;
      if (request.body !== undefined) init.body = request.body;
      const answer = await fetch(new URL(request.path, url), init);
      await answer.arrayBuffer();
      good = answer.status < 400 && performance.now() - sent < goodWithinMs ? good + 1 : 0;
    } catch {
      good = 0;
    }
    if (good >= 2) return Math.round(performance.now() - start);
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}
