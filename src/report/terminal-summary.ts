import { formatDuration, formatPercentage } from '../experiment/quantities.ts';
import type { Journal } from '../journal/journal.ts';
import type { ObjectiveResult } from '../slo/window-summary.ts';
import { topCauses } from './top-causes.ts';

const ms = (value: number | null) => (value === null ? '—' : formatDuration(Math.round(value)));

function objectiveValue(result: ObjectiveResult): string {
  if (result.value === null) return result.kind === 'latency' ? 'no answer' : '—';
  if (result.kind === 'latency') return `${result.value.toFixed(1)} ms`;
  if (result.kind === 'throughput') return `${result.value.toFixed(1)} req/s`;
  return formatPercentage(result.value);
}

/** The human summary printed at the end of `faultline run`. Pure: journal in, text out. */
export function terminalSummary(journal: Journal, journalPath: string): string {
  const lines: string[] = [];
  const verdict = (journal.verdict ?? 'error').toUpperCase();
  lines.push('', `${journal.experiment.name}: ${verdict}`, '');
  for (const phase of journal.phases) {
    const cells = phase.objectives.map((o) => `${o.objective} ${objectiveValue(o)}`);
    const budget = phase.budgets
      .filter((b) => b.consumed !== null)
      .map((b) => `${b.objective} budget ${b.consumed === null ? '—' : formatPercentage(b.consumed)}`);
    lines.push(
      `  ${phase.phase.padEnd(9)} ${String(phase.windows).padStart(3)} windows, ${String(phase.badWindows).padStart(3)} bad   ${cells.join('  ')}${budget.length ? `   (${budget.join(', ')})` : ''}`,
    );
  }
  if (journal.faults.length > 0) lines.push('', '  faults:');
  for (const f of journal.faults) {
    lines.push(
      `    ${f.name} (${f.type} on ${f.target}): ${f.outcome}; injected ${ms(f.injectedAtMs)}, reverted ${ms(f.revertedAtMs)}, impact after ${ms(f.timeToImpactMs)}, recovered after ${f.timeToRecoverMs === null ? (f.injectedAtMs === null ? '—' : 'not recovered') : ms(f.timeToRecoverMs)}${f.error ? ` — ${f.error}` : ''}`,
    );
  }
  const shown = journal.breaches.slice(0, 8);
  if (shown.length > 0) lines.push('', '  breaches:');
  for (const b of shown) {
    lines.push(
      `    [${b.phase}] ${b.objective}${b.windowEndMs > 0 ? ` in window ${ms(b.windowStartMs)}–${ms(b.windowEndMs)}` : ''}: ${b.reason}`,
    );
    const causes = b.windowEndMs > 0 ? topCauses(journal.windows, b.windowStartMs) : '';
    if (causes) lines.push(`      causes: ${causes}`);
  }
  if (journal.breaches.length > shown.length)
    lines.push(`    … and ${journal.breaches.length - shown.length} more (see the journal)`);
  for (const n of journal.notes) lines.push(`  note: ${n.message}`);
  lines.push('', `  journal: ${journalPath}`, `  exit code: ${journal.exitCode ?? '—'}`, '');
  return lines.join('\n');
}
