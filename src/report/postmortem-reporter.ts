import type { Journal } from '../journal/journal.ts';
import { escapeMarkdown as md } from './escape.ts';
import { objectiveVerdicts } from './objective-verdicts.ts';
import { postmortemTimeline } from './postmortem-timeline.ts';
import {
  atText,
  declaredObjective,
  displayTitle,
  formatBudget,
  formatMs,
  formatObjectiveValue,
  thresholdText,
  verdictText,
} from './report-format.ts';
import type { Reporter } from './reporter.ts';

/**
 * `postmortem.md`: a blameless postmortem draft (summary, impact, detection, timeline, recovery,
 * what went well / wrong from the breaches, action items as prompts) for people to finish.
 */
export const postmortemReporter: Reporter = {
  name: 'postmortem',
  file: 'postmortem.md',
  description: 'postmortem.md: a blameless postmortem draft built from the journal',
  render: renderPostmortem,
};

function renderPostmortem(journal: Journal): string {
  const verdicts = objectiveVerdicts(journal);
  const missed = verdicts.filter((v) => v.state === 'missed');
  const held = verdicts.filter((v) => v.state === 'met');
  const bad = journal.windows.filter((w) => !w.met && w.phase !== 'warmup');
  const faults = journal.faults.map((f) => `${md(f.name)} (${md(f.type)} on ${md(f.target)})`).join(', ');
  const out: string[] = [
    `# Postmortem draft: ${md(displayTitle(journal))}`,
    '',
    `_Blameless draft generated from run ${md(journal.runId)} (${journal.startedAt}). It describes what the system did, not who did what; edit it before sharing._`,
    '',
    '## Summary',
    '',
    `Experiment **${md(journal.experiment.name)}** sent ${md(journal.load.description)} to ${md(journal.load.url)} for ${formatMs(journal.plan.durationMs)} and injected ${faults || 'no fault'}. ` +
      `The hypothesis (${hypothesisText(journal)}) ${journal.verdict === 'pass' ? 'held' : 'did not hold'}: verdict **${verdictText(journal)}**, ${journal.breaches.length} breach${journal.breaches.length === 1 ? '' : 'es'}.`,
    ...(journal.experiment.description ? ['', md(journal.experiment.description)] : []),
    '',
    '## Impact',
    '',
  ];
  for (const b of journal.run?.budgets ?? []) {
    const declared = declaredObjective(journal, b.objective);
    out.push(
      `- ${md(b.objective)} (${declared ? md(thresholdText(declared)) : ''}): ${b.bad} bad of ${b.valid} requests; ${formatBudget(b.consumed)} of the run's error budget burned`,
    );
  }
  out.push(
    `- ${bad.length} of ${journal.windows.filter((w) => w.phase !== 'warmup').length} scored windows missed an objective` +
      (bad.length > 0
        ? `, from ${formatMs(bad[0]?.startMs)} to ${formatMs(bad.at(-1)?.endMs)} (${formatMs((bad.at(-1)?.endMs ?? 0) - (bad[0]?.startMs ?? 0))})`
        : ''),
    '',
    '## Detection',
    '',
  );
  for (const f of journal.faults)
    out.push(
      `- ${md(f.name)}: ${f.timeToImpactMs === null ? 'no impact seen in any window' : `first bad window ${formatMs(f.timeToImpactMs)} after the inject`}`,
    );
  if (journal.faults.length === 0) out.push('- No fault was injected.');
  out.push('', '## Timeline', '', '| time | event |', '|---|---|');
  for (const e of postmortemTimeline(journal)) out.push(`| ${atText(journal, e.atMs)} | ${md(e.text)} |`);
  out.push('', '## Recovery', '');
  const within = journal.hypothesis['recover-within'];
  for (const f of journal.faults)
    out.push(
      `- ${md(f.name)}: ${f.outcome}${f.revertedAtMs === null ? '' : ` at ${formatMs(f.revertedAtMs)}`}; ${
        f.timeToRecoverMs === null
          ? f.injectedAtMs === null
            ? 'never injected'
            : 'did not recover before the run ended'
          : `recovered ${formatMs(f.timeToRecoverMs)} after the revert`
      }${within === undefined ? '' : ` (allowed: ${formatMs(within)})`}${f.error ? `; error: ${md(f.error)}` : ''}`,
    );
  out.push('', '## What went well', '');
  const wellLines = held
    .filter((v) => v.phase === 'faults')
    .map((v) => `- ${md(v.objective)} held while faults were active`);
  for (const f of journal.faults.filter((x) => x.outcome === 'reverted'))
    wellLines.push(
      `- ${md(f.name)} was reverted and the revert was confirmed (${f.revertEvidence.length} check${f.revertEvidence.length === 1 ? '' : 's'})`,
    );
  out.push(...(wellLines.length > 0 ? wellLines : ['- _Nothing stood out; add what you saw._']));
  out.push('', '## What went wrong', '');
  for (const v of missed) {
    const declared = declaredObjective(journal, v.objective);
    const noAnswer = v.result?.kind === 'latency' && v.breaches.some((b) => b.value === null);
    out.push(
      `- ${md(v.objective)} (${declared ? md(thresholdText(declared)) : ''}) missed in ${v.phase}: ${v.breaches.length} breach${v.breaches.length === 1 ? '' : 'es'}, phase value ${v.result ? formatObjectiveValue(v.result) : '—'}${noAnswer ? ', some windows had no answer at all' : ''}; ${md(v.breaches[0]?.reason ?? '')}`,
    );
  }
  for (const b of journal.breaches.filter((x) => x.objective === '*')) out.push(`- ${md(b.reason)}`);
  if (missed.length === 0 && journal.breaches.length === 0) out.push('- No objective was breached.');
  out.push(
    '',
    '## Action items',
    '',
    ...missed.map(
      (v) =>
        `- [ ] _Why did ${md(v.objective)} miss during ${v.phase}? What would keep it within its objective? (owner, due date)_`,
    ),
    ...journal.faults
      .filter((f) => f.timeToImpactMs !== null)
      .map(
        (f) =>
          `- [ ] _Would production alerting have noticed ${md(f.name)} within ${formatMs(f.timeToImpactMs)}? Which alert?_`,
      ),
    '- [ ] _What should the next experiment test?_',
    '',
  );
  return out.join('\n');
}

function hypothesisText(journal: Journal): string {
  const h = journal.hypothesis;
  const during =
    h['during-faults'] === 'hold'
      ? 'objectives hold during faults'
      : `faults spend at most ${formatBudget(h['during-faults'].tolerate.budget)} of the error budget`;
  return `${during}${h['recover-within'] === undefined ? '' : `, recovery within ${formatMs(h['recover-within'])}`}`;
}
