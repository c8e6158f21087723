import type { Journal } from '../journal/journal.ts';
import { formatMs } from './report-format.ts';

/** One timeline entry: when (ms since load start) and what. */
export interface TimelineEntry {
  readonly atMs: number;
  readonly text: string;
}

/**
 * The run's timeline from its journal: phase starts, injects and reverts, the first bad window
 * after each inject, the first good window after each revert, and notes; sorted by time.
 */
export function postmortemTimeline(journal: Journal): TimelineEntry[] {
  const entries: TimelineEntry[] = journal.plan.phases
    .filter((p) => journal.windows.some((w) => w.startMs >= p.startMs && w.startMs < p.endMs))
    .map((p) => ({ atMs: p.startMs, text: `phase ${p.phase} starts` }));
  for (const f of journal.faults) {
    if (f.injectedAtMs !== null) {
      entries.push({ atMs: f.injectedAtMs, text: `fault ${f.name} injected (${f.type} on ${f.target})` });
      const injected = f.injectedAtMs;
      const bad = journal.windows.find(
        (w) => !w.met && w.endMs > injected && w.activeFaults.includes(f.name),
      );
      if (bad) entries.push({ atMs: bad.startMs, text: `first bad window (${failing(bad.objectives)})` });
    }
    if (f.revertedAtMs !== null) {
      entries.push({ atMs: f.revertedAtMs, text: `fault ${f.name} reverted (${f.outcome})` });
      const reverted = f.revertedAtMs;
      const good = journal.windows.find((w) => w.met && w.startMs >= reverted);
      if (good) entries.push({ atMs: good.startMs, text: 'first good window after the revert' });
    }
  }
  for (const n of journal.notes) if (n.atMs !== null) entries.push({ atMs: n.atMs, text: n.message });
  const end = journal.windows.at(-1)?.endMs;
  if (end !== undefined) entries.push({ atMs: end, text: `run ends: ${journal.verdict ?? 'unfinished'}` });
  return entries.sort((a, b) => a.atMs - b.atMs);
}

function failing(objectives: readonly { objective: string; met: boolean }[]): string {
  const names = objectives.filter((o) => !o.met).map((o) => o.objective);
  return names.length > 0 ? `missed: ${names.join(', ')}` : 'no answer';
}

/** `+6s` style offset. */
export const offset = (ms: number): string => `+${formatMs(ms)}`;
