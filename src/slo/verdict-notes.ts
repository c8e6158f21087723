import { formatDuration } from '../experiment/quantities.ts';
import { describeRunnerHealth, runnerLagMs } from './suspect-window.ts';
import type { Breach, Verdict } from './verdict.ts';
import type { WindowSummary } from './window-summary.ts';

/** What to do when the runner was its own bottleneck. */
export const RUNNER_ADVICE =
  'run again with fewer connections or a lower rate, on a bigger machine, or with `faultline proxy` on another host';

/**
 * Notes that go with a verdict: for `inconclusive`, why (the worst runner figures) and what to
 * do; for `fail`/`not-steady`, how many breaches fell in windows where the runner lagged.
 */
export function verdictNotes(
  verdict: Verdict,
  breaches: readonly Breach[],
  windows: readonly WindowSummary[],
  judged: number,
  unmeasured: readonly WindowSummary[] = [],
): string[] {
  const suspect = breaches.filter((b) => b.suspect);
  const worst = windows
    .filter((w) => w.suspect && w.runner)
    .sort((a, b) => (b.runner ? runnerLagMs(b.runner) : 0) - (a.runner ? runnerLagMs(a.runner) : 0))[0];
  const figures =
    worst?.runner === undefined || worst.runner === null
      ? ''
      : ` (worst: window ${formatDuration(worst.startMs)}–${formatDuration(worst.endMs)}, ${describeRunnerHealth(worst.runner)})`;
  if (verdict === 'inconclusive' && judged === 0)
    return ['inconclusive: no window after warm-up was scored, so there is nothing to judge'];
  const first = unmeasured[0];
  if (verdict === 'inconclusive' && breaches.length === 0 && first?.runner)
    return [
      `inconclusive: no objective was missed, but the runner itself stalled for half or more of ${unmeasured.length} window${unmeasured.length === 1 ? '' : 's'} and sent or saw too few of their requests to judge them (first: window ${formatDuration(first.startMs)}–${formatDuration(first.endMs)}, ${first.completed} of ${first.intended} intended requests answered, ${describeRunnerHealth(first.runner)}); ${RUNNER_ADVICE}`,
    ];
  if (verdict === 'inconclusive')
    return [
      `inconclusive: every miss (${suspect.length} breach${suspect.length === 1 ? '' : 'es'}) fell in a window where the runner itself lagged enough to explain it${figures}; ${RUNNER_ADVICE}`,
    ];
  if ((verdict === 'fail' || verdict === 'not-steady') && suspect.length > 0)
    return [
      `${suspect.length} of ${breaches.length} breaches fell in windows where the runner itself lagged${figures}; the verdict rests on the others`,
    ];
  return [];
}
