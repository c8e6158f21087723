import { faultTimings } from './fault-timings.ts';
import { describeRunnerHealth } from './suspect-window.ts';
import type { Breach, VerdictInput } from './verdict.ts';
import { windowRule, type WindowRule } from './window-rule.ts';
import type { WindowSummary } from './window-summary.ts';

const list = (names: readonly string[]) => names.join(', ');

/** Why a miss under `rule` breaks the hypothesis; undefined when another rule judges it. */
function reasonFor(rule: WindowRule, faults: readonly string[], input: VerdictInput): string | undefined {
  switch (rule) {
    case 'pre-fault':
      return !input.faultsPlanned
        ? 'missed in a run with no faults (a steady-state check): the system was not steady'
        : 'missed before the first fault was injected: the system was not steady';
    case 'during-faults':
      return input.hypothesis['during-faults'] === 'hold'
        ? `missed while ${list(faults)} was active (during-faults: hold)`
        : undefined;
    case 'after':
      return 'missed in the steady state after the faults';
    case 'relapse':
      return `missed after ${list(faults)} had recovered: a relapse`;
    case 'recovering':
      return undefined;
  }
}

/** The runner-lag part of a suspect window's reason. */
export function suspectSuffix(window: WindowSummary): string {
  return window.suspect && window.runner
    ? `; the runner itself lagged enough to explain it (${describeRunnerHealth(window.runner)})`
    : '';
}

/**
 * One breach per objective missed in each window after warm-up whose rule says a miss breaks
 * the hypothesis (all but `recovering`, and `during-faults` under `tolerate`, which are judged
 * over the fault as a whole).
 */
export function windowBreaches(input: VerdictInput): Breach[] {
  const timings = input.intervals.map((i) => faultTimings(i, input.windows));
  const breaches: Breach[] = [];
  for (const w of input.windows) {
    if (w.phase === 'warmup' || w.met) continue;
    const { rule, faults } = windowRule(w, input.intervals, timings);
    const reason = reasonFor(rule, faults, input);
    if (reason === undefined || rule === 'recovering') continue;
    for (const o of w.objectives.filter((r) => !r.met)) {
      breaches.push({
        phase: w.phase,
        rule,
        objective: o.objective,
        windowStartMs: w.startMs,
        windowEndMs: w.endMs,
        value: o.value,
        // A saturation miss says which member and why (a reading, or none at all).
        reason: `${reason}${o.detail === undefined ? '' : `: ${o.detail}`}${suspectSuffix(w)}`,
        outcome: rule === 'pre-fault' ? 'not-steady' : 'fail',
        suspect: w.suspect,
      });
    }
  }
  return breaches;
}
