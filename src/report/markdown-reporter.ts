import type { Journal } from '../journal/journal.ts';
import { escapeMarkdown as md } from './escape.ts';
import { objectiveVerdicts } from './objective-verdicts.ts';
import {
  declaredObjective,
  displayTitle,
  formatBudget,
  formatMs,
  formatObjectiveValue,
  thresholdText,
  verdictText,
} from './report-format.ts';
import type { Reporter } from './reporter.ts';

const MARK = { met: '✅', missed: '❌', skipped: '➖' } as const;
const MAX_BREACHES = 10;

/** `summary.md`: verdict, objective × phase table, faults and breaches; fits $GITHUB_STEP_SUMMARY. */
export const markdownReporter: Reporter = {
  name: 'markdown',
  file: 'summary.md',
  description: 'summary.md: verdict, objectives per phase, faults, breaches (for a PR or CI summary)',
  render: renderMarkdown,
};

function renderMarkdown(journal: Journal): string {
  const passed = journal.verdict === 'pass';
  const lines = [`## ${passed ? '✅' : '❌'} ${md(displayTitle(journal))}: ${verdictText(journal)}`, ''];
  lines.push(
    `Experiment **${md(journal.experiment.name)}** · run ${md(journal.runId)} · ${md(journal.load.description)} · exit code ${journal.exitCode ?? '—'}`,
    '',
  );
  const verdicts = objectiveVerdicts(journal);
  const phases = journal.plan.phases.map((p) => p.phase);
  lines.push(`| objective | threshold | ${phases.join(' | ')} | run budget |`);
  lines.push(`|---|---|${phases.map(() => '---|').join('')}---|`);
  for (const declared of journal.slos.objectives) {
    const cells = phases.map((phase) => {
      const v = verdicts.find((x) => x.phase === phase && x.objective === declared.name);
      if (!v || v.state === 'skipped') return MARK.skipped;
      return `${MARK[v.state]} ${v.result ? formatObjectiveValue(v.result) : ''}`.trim();
    });
    const budget = journal.run?.budgets.find((b) => b.objective === declared.name);
    lines.push(
      `| ${md(declared.name)} | ${md(thresholdText(declared))} | ${cells.join(' | ')} | ${formatBudget(budget?.consumed)} |`,
    );
  }
  if (journal.faults.length > 0) {
    lines.push(
      '',
      '### Faults',
      '',
      '| fault | type | target | injected | reverted | impact after | recovered after | outcome |',
    );
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const f of journal.faults)
      lines.push(
        `| ${md(f.name)} | ${md(f.type)} | ${md(f.target)} | ${formatMs(f.injectedAtMs)} | ${formatMs(f.revertedAtMs)} | ${formatMs(f.timeToImpactMs)} | ${f.injectedAtMs !== null && f.timeToRecoverMs === null ? 'not recovered' : formatMs(f.timeToRecoverMs)} | ${md(f.outcome)}${f.error ? `: ${md(f.error)}` : ''} |`,
      );
  }
  if (journal.breaches.length > 0) {
    lines.push('', `### Breaches (${journal.breaches.length})`, '');
    for (const b of journal.breaches.slice(0, MAX_BREACHES)) {
      const where = b.windowEndMs > 0 ? ` in ${formatMs(b.windowStartMs)}–${formatMs(b.windowEndMs)}` : '';
      const declared = declaredObjective(journal, b.objective);
      const value =
        declared && b.windowEndMs > 0
          ? ` (${formatObjectiveValue({ kind: kindOf(declared), value: b.value })})`
          : '';
      lines.push(`- **${md(b.phase)}** ${md(b.objective)}${where}${value}: ${md(b.reason)}`);
    }
    if (journal.breaches.length > MAX_BREACHES)
      lines.push(`- … and ${journal.breaches.length - MAX_BREACHES} more (see journal.json)`);
  }
  for (const n of journal.notes) lines.push('', `> ${md(n.message)}`);
  return `${lines.join('\n')}\n`;
}

function kindOf(o: NonNullable<ReturnType<typeof declaredObjective>>) {
  return 'latency' in o ? 'latency' : 'success' in o ? 'success' : 'errors' in o ? 'errors' : 'throughput';
}
