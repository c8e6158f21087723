import type { Journal } from '../../journal/journal.ts';
import { escapeHtml as h } from '../escape.ts';
import { objectiveVerdicts } from '../objective-verdicts.ts';
import { atText, formatBudget, formatMs, formatObjectiveValue, thresholdText } from '../report-format.ts';

const table = (caption: string, head: readonly string[], rows: readonly string[][]): string =>
  `<div class="scroll"><table><caption>${h(caption)}</caption><thead><tr>${head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;

/** Objective × phase: verdict mark, phase value, budget burned; and the run's budget. Cells are HTML. */
export function verdictTable(journal: Journal): string {
  const verdicts = objectiveVerdicts(journal);
  const phases = journal.plan.phases.map((p) => p.phase);
  const rows = journal.slos.objectives.map((o) => {
    const cells = phases.map((phase) => {
      const v = verdicts.find((x) => x.phase === phase && x.objective === o.name);
      if (!v || v.state === 'skipped') return '<span class="skipped">not scored</span>';
      const value = v.result ? formatObjectiveValue(v.result) : '—';
      return `<span class="${v.state}">${v.state === 'met' ? '✔ met' : '✘ missed'}</span> ${h(value)}<br><small>budget ${h(formatBudget(v.budget?.consumed))}</small>`;
    });
    const run = journal.run?.budgets.find((b) => b.objective === o.name);
    return [h(o.name), h(thresholdText(o)), ...cells, h(formatBudget(run?.consumed))];
  });
  return table(
    'Verdict per objective and phase (budget burned)',
    ['objective', 'threshold', ...phases, 'run budget'],
    rows,
  );
}

/** One row per fault: times, time-to-impact and time-to-recover, outcome. */
export function faultTable(journal: Journal): string {
  return table(
    'Faults',
    ['fault', 'type', 'target', 'injected', 'reverted', 'time to impact', 'time to recover', 'outcome'],
    journal.faults.map((f) => [
      h(f.name),
      h(f.type),
      h(f.target),
      h(formatMs(f.injectedAtMs)),
      h(formatMs(f.revertedAtMs)),
      h(formatMs(f.timeToImpactMs)),
      h(
        f.injectedAtMs !== null && f.timeToRecoverMs === null ? 'not recovered' : formatMs(f.timeToRecoverMs),
      ),
      `${h(f.outcome)}${f.error ? `: ${h(f.error)}` : ''}`,
    ]),
  );
}

/** Every check made to confirm each fault took and was undone. */
export function evidenceTable(journal: Journal): string {
  const rows = journal.faults.flatMap((f) =>
    [
      ...f.evidence.map((e) => ({ e, when: 'inject' })),
      ...f.revertEvidence.map((e) => ({ e, when: 'revert' })),
    ].map(({ e, when }) => [
      h(f.name),
      when,
      h(e.check),
      e.ok ? '<span class="met">ok</span>' : '<span class="missed">not ok</span>',
      h(e.detail),
      h(formatMs(e.atMs)),
    ]),
  );
  return table('Evidence', ['fault', 'when', 'check', 'result', 'seen', 'at'], rows);
}

/** The verdict's reasons, one row each. */
export function breachTable(journal: Journal): string {
  return table(
    `Breaches (${journal.breaches.length})`,
    ['phase', 'objective', 'window', 'reason'],
    journal.breaches.map((b) => [
      h(b.phase),
      h(b.objective),
      b.windowEndMs > 0 ? h(`${formatMs(b.windowStartMs)}–${formatMs(b.windowEndMs)}`) : '—',
      h(b.reason),
    ]),
  );
}

/** What each target resolved to. */
export function targetTable(journal: Journal): string {
  return table(
    'Resolved targets',
    ['target', 'kind', 'members'],
    journal.targets.map((t) => [
      h(t.name),
      h(t.kind),
      t.members.map((m) => `${h(m.label)} <small>(${h(m.id)})</small>`).join('<br>'),
    ]),
  );
}

/** Run identity, load, timing, versions and host. */
export function environmentTable(journal: Journal): string {
  const env = journal.environment;
  const rows: [string, string][] = [
    ['run id', journal.runId],
    ['experiment file', journal.experiment.file],
    ['started', journal.startedAt],
    ['ended', journal.endedAt ?? '—'],
    [
      'load',
      `${journal.load.description} → ${journal.load.url}, timeout ${formatMs(journal.load.timeoutMs)}`,
    ],
    ['SLO window', formatMs(journal.slos.window)],
    ['faultline', env?.faultline ?? '—'],
    ['node', env?.node ?? '—'],
    ['platform', env ? `${env.platform} ${env.arch}` : '—'],
    ['host', env?.host ?? '—'],
    ['runner-suspect windows', String(journal.windows.filter((w) => w.suspect).length)],
  ];
  return table(
    'Environment',
    ['', ''],
    rows.map(([k, v]) => [h(k), h(v)]),
  );
}

/** Notes the run made (stops, guardrails, failures), with their time. */
export function notesList(journal: Journal): string {
  if (journal.notes.length === 0) return '';
  return `<h2>Notes</h2><ul>${journal.notes
    .map(
      (n) =>
        `<li>${n.atMs === null ? '' : `<small>${h(atText(journal, n.atMs))}</small> `}${h(n.message)}</li>`,
    )
    .join('')}</ul>`;
}
