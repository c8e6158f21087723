import { formatDuration, formatPercentage } from '../experiment/quantities.ts';
import type { Journal } from '../journal/journal.ts';
import type { Breach } from '../slo/verdict.ts';
import type { ObjectiveResult } from '../slo/window-summary.ts';
import { breachCauses } from './breach-causes.ts';

const ms = (value: number | null) => (value === null ? '—' : formatDuration(Math.round(value)));

function objectiveValue(result: ObjectiveResult): string {
  if (result.value === null) return result.kind === 'latency' ? 'no answer' : '—';
  if (result.kind === 'latency') return `${result.value.toFixed(1)} ms`;
  if (result.kind === 'throughput') return `${result.value.toFixed(1)} req/s`;
  return formatPercentage(result.value);
}

/** A breach's value in its own unit: the objective's, ms for a recovery, a share for a budget. */
function breachValue(breach: Breach, journal: Journal): string {
  if (breach.rule === 'recovery') return breach.value === null ? 'not recovered' : ms(breach.value);
  if (breach.rule === 'budget')
    return breach.value === null ? '—' : `${formatPercentage(breach.value)} of the budget`;
  const result = journal.windows
    .find((w) => w.startMs === breach.windowStartMs)
    ?.objectives.find((o) => o.objective === breach.objective);
  return result ? objectiveValue({ ...result, value: breach.value }) : String(breach.value ?? '—');
}

function recovery(f: Journal['faults'][number]): string {
  if (f.injectedAtMs === null) return 'recovered after —';
  if (f.timeToImpactMs === null) return 'no impact';
  return f.timeToRecoverMs === null ? 'not recovered' : `recovered after ${ms(f.timeToRecoverMs)}`;
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
      `    ${f.name} (${f.type} on ${f.target}): ${f.outcome}; injected ${ms(f.injectedAtMs)}, reverted ${ms(f.revertedAtMs)}, ${f.timeToImpactMs === null ? '' : `impact after ${ms(f.timeToImpactMs)}, `}${recovery(f)}${f.error ? ` — ${f.error}` : ''}`,
    );
  }
  const shown = journal.breaches.slice(0, 8);
  if (shown.length > 0) lines.push('', '  breaches:');
  for (const b of shown) {
    lines.push(
      `    [${b.phase}] ${b.objective} ${breachValue(b, journal)}${b.windowEndMs > 0 ? ` in ${ms(b.windowStartMs)}–${ms(b.windowEndMs)}` : ''}${b.suspect ? ' (runner lag)' : ''}: ${b.reason}`,
    );
    const causes = breachCauses(journal.windows, b);
    if (causes.length > 0)
      lines.push(
        `        causes: ${causes.map((c) => `${c.cause} ×${c.count} (${JSON.stringify(c.firstMessage)})`).join(', ')}`,
      );
  }
  if (journal.breaches.length > shown.length)
    lines.push(`    … and ${journal.breaches.length - shown.length} more (see the journal)`);
  for (const n of journal.notes) lines.push(`  note: ${n.message}`);
  lines.push('', `  journal: ${journalPath}`, `  exit code: ${journal.exitCode ?? '—'}`, '');
  return lines.join('\n');
}
