import type { Breach } from '../slo/verdict.ts';
import type { BadCause, WindowSummary } from '../slo/window-summary.ts';

/**
 * The causes of bad events behind a breach, most frequent first: those of the bad windows it
 * rests on (for a recovery or budget breach, every bad window of its stretch), counts summed per
 * cause and the first message kept. Empty when the windows recorded no causes.
 */
export function breachCauses(windows: readonly WindowSummary[], breach: Breach, top = 3): BadCause[] {
  const merged = new Map<string, { count: number; firstMessage: string }>();
  for (const w of windows) {
    if (
      w.met ||
      w.endMs <= breach.windowStartMs ||
      w.startMs >= Math.max(breach.windowEndMs, breach.windowStartMs + 1)
    )
      continue;
    for (const c of w.causes) {
      const seen = merged.get(c.cause);
      if (seen) seen.count += c.count;
      else merged.set(c.cause, { count: c.count, firstMessage: c.firstMessage });
    }
  }
  return [...merged]
    .map(([cause, { count, firstMessage }]) => ({ cause, count, firstMessage }))
    .sort((a, b) => b.count - a.count)
    .slice(0, top);
}
