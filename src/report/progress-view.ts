import { formatPercentage } from '../experiment/quantities.ts';
import type { FaultRecord } from '../journal/journal.ts';
import type { WindowSummary } from '../slo/window-summary.ts';
import type { PhaseName } from '../timeline/plan.ts';
import { formatMs, formatObjectiveValue } from './report-format.ts';

/** What the live view knows at a moment of the run. Times in ms since load start. */
export interface ProgressState {
  readonly experiment: string;
  readonly phase: PhaseName | null;
  readonly elapsedMs: number;
  readonly totalMs: number;
  readonly faults: readonly FaultRecord[];
  readonly last: WindowSummary | undefined;
}

const BAR = 24;

/** Requests per second answered, p99 and error ratio of a window, for people. */
function windowNumbers(w: WindowSummary): string {
  const seconds = (w.endMs - w.startMs) / 1000 || 1;
  const errors = w.valid > 0 ? (w.valid - w.good) / w.valid : 0;
  return `${(w.completed / seconds).toFixed(0)}/${(w.intended / seconds).toFixed(0)} req/s answered/intended, p99 ${
    w.latency.p99 === null ? 'no answer' : `${w.latency.p99.toFixed(1)} ms`
  }, errors ${formatPercentage(Math.round(errors * 1000) / 1000)}`;
}

/** Each objective's state in a window: `fast ✔ 12.0 ms`. */
function objectiveStates(w: WindowSummary): string {
  return w.objectives
    .map((o) => `${o.objective} ${o.met ? '✔' : '✘'} ${formatObjectiveValue(o)}`)
    .join('   ');
}

/**
 * The live panel a terminal redraws in place: phase, elapsed/total with a bar, the last window's
 * rate, p99 and error ratio, active faults, and each objective's state. Pure.
 */
export function progressPanel(s: ProgressState): string {
  const share = s.totalMs > 0 ? Math.min(1, s.elapsedMs / s.totalMs) : 0;
  const filled = Math.round(share * BAR);
  const active = s.faults.filter((f) => f.injectedAtMs !== null && f.revertedAtMs === null);
  return [
    `${s.experiment}  phase ${s.phase ?? 'starting'}  [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${formatMs(s.elapsedMs)} / ${formatMs(s.totalMs)}`,
    s.last ? `  ${windowNumbers(s.last)}` : '  waiting for the first window',
    `  faults: ${active.length > 0 ? active.map((f) => `${f.name} (${f.type} on ${f.target})`).join(', ') : 'none active'}`,
    `  objectives: ${s.last ? objectiveStates(s.last) : '—'}`,
  ].join('\n');
}

/** One plain line per closed window, for logs that are not a terminal (CI). Pure. */
export function progressLine(w: WindowSummary): string {
  const faults = w.activeFaults.length > 0 ? `, faults ${w.activeFaults.join(', ')}` : '';
  return `window ${w.index} [${w.phase}] ${formatMs(w.startMs)}–${formatMs(w.endMs)}: ${windowNumbers(w)}${faults}; ${objectiveStates(w)}${w.suspect ? ' (runner suspect)' : ''}`;
}
