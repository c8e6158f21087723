import type { HistoryEntry } from './history-entry.ts';
import type { Regression } from './regressions.ts';

/** The history as a terminal table, oldest first, then the regressions found (if any). */
export function historyText(entries: readonly HistoryEntry[], regressions: readonly Regression[]): string {
  if (entries.length === 0) return 'no runs recorded yet (.faultline/index.ndjson is empty or missing)\n';
  const flagged = new Set(regressions.map((r) => r.id));
  const cell = (v: number | null, unit = '') => (v === null ? '-' : `${Math.round(v * 100) / 100}${unit}`);
  const lines = [
    'when                  kind      experiment                verdict      budget  ttr      capacity',
  ];
  for (const e of entries)
    lines.push(
      [
        e.at.slice(0, 19).padEnd(20),
        e.kind.padEnd(8),
        e.experiment.slice(0, 24).padEnd(24),
        e.verdict.padEnd(11),
        cell(e.budgetBurned === null ? null : e.budgetBurned * 100, '%').padStart(6),
        cell(e.timeToRecoverMs, 'ms').padStart(7),
        `${cell(e.capacity)}${e.capacityUnder === null ? '' : ` (${cell(e.capacityUnder)} under fault)`}`.padStart(
          8,
        ),
        flagged.has(e.id) ? ' REGRESSION' : '',
      ].join('  '),
    );
  for (const r of regressions) lines.push(`regression: ${r.experiment} (${r.id}): ${r.text}`);
  if (regressions.length === 0) lines.push('no regression against the median of the previous runs');
  return `${lines.join('\n')}\n`;
}
