import type { FaultRecord, Journal } from '../journal/journal.ts';
import { escapeXml as x } from './escape.ts';
import { objectiveVerdicts, recoveryBreach, type ObjectiveVerdict } from './objective-verdicts.ts';
import {
  declaredObjective,
  formatBudget,
  formatMs,
  formatObjectiveValue,
  thresholdText,
} from './report-format.ts';
import type { Reporter } from './reporter.ts';

/**
 * `junit.xml`: one testsuite per experiment; one testcase per objective × phase (classname
 * `<experiment>.<phase>`) and one per fault's recovery (`<experiment>.recovery`). Failures carry
 * the measured values, thresholds and budget; warm-up and phases not reached are skipped.
 */
export const junitReporter: Reporter = {
  name: 'junit',
  file: 'junit.xml',
  description: 'junit.xml: a testcase per objective × phase and per fault recovery, for CI test reports',
  render: renderJunit,
};

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly timeS: number;
  readonly outcome: { kind: 'failure' | 'error' | 'skipped'; message: string; body: string } | null;
}

function renderJunit(journal: Journal): string {
  const suite = journal.experiment.name;
  const cases: Case[] = [
    ...objectiveVerdicts(journal).map((v) => objectiveCase(journal, suite, v)),
    ...journal.faults.map((f) => recoveryCase(journal, suite, f)),
  ];
  const count = (kind: string) => cases.filter((c) => c.outcome?.kind === kind).length;
  const seconds = (journal.windows.at(-1)?.endMs ?? 0) / 1000;
  const attrs = `tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${seconds.toFixed(3)}"`;
  const props = [
    ['verdict', journal.verdict ?? 'unfinished'],
    ['run-id', journal.runId],
    ['exit-code', String(journal.exitCode ?? '')],
    ['experiment-file', journal.experiment.file],
    ['load', journal.load.description],
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="faultline" ${attrs}>`,
    `  <testsuite name="${x(suite)}" ${attrs} timestamp="${x(journal.startedAt.slice(0, 19))}" hostname="${x(journal.environment?.host ?? 'unknown')}">`,
    '    <properties>',
    ...props.map(([name, value]) => `      <property name="${x(name ?? '')}" value="${x(value ?? '')}"/>`),
    '    </properties>',
  ];
  for (const c of cases) {
    const open = `    <testcase classname="${x(c.classname)}" name="${x(c.name)}" time="${c.timeS.toFixed(3)}"`;
    if (!c.outcome) lines.push(`${open}/>`);
    else
      lines.push(
        `${open}>`,
        `      <${c.outcome.kind} message="${x(c.outcome.message)}"${c.outcome.kind === 'skipped' ? '/>' : ` type="${c.outcome.kind === 'failure' ? 'slo-breach' : 'fault'}">${x(c.outcome.body)}</${c.outcome.kind}>`}`,
        '    </testcase>',
      );
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}

function objectiveCase(journal: Journal, suite: string, v: ObjectiveVerdict): Case {
  const declared = declaredObjective(journal, v.objective);
  const span = journal.plan.phases.find((p) => p.phase === v.phase);
  const base = {
    classname: `${suite}.${v.phase}`,
    name: `${v.objective}: ${declared ? thresholdText(declared) : v.objective}`,
    timeS: span ? (span.endMs - span.startMs) / 1000 : 0,
  };
  if (v.state === 'skipped')
    return {
      ...base,
      outcome: {
        kind: 'skipped',
        message: v.phase === 'warmup' ? 'warm-up is not scored' : 'the run did not reach this phase',
        body: '',
      },
    };
  if (v.state === 'met') return { ...base, outcome: null };
  const value = v.result ? formatObjectiveValue(v.result) : '—';
  const message = `${v.objective} ${value} in ${v.phase} (${v.breaches.length} breach${v.breaches.length === 1 ? '' : 'es'}); required ${declared ? thresholdText(declared) : '?'}; budget burned ${formatBudget(v.budget?.consumed)}`;
  const body = v.breaches
    .map(
      (b) =>
        `${b.windowEndMs > 0 ? `${formatMs(b.windowStartMs)}–${formatMs(b.windowEndMs)}` : v.phase}: ${
          v.result ? formatObjectiveValue({ kind: v.result.kind, value: b.value }) : String(b.value)
        } — ${b.reason}`,
    )
    .join('\n');
  return { ...base, outcome: { kind: 'failure', message, body } };
}

function recoveryCase(journal: Journal, suite: string, f: FaultRecord): Case {
  const within = journal.hypothesis['recover-within'];
  const base = {
    classname: `${suite}.recovery`,
    name: `fault ${f.name} (${f.type} on ${f.target}) recovers${within === undefined ? '' : ` within ${formatMs(within)}`}`,
    timeS: (f.timeToRecoverMs ?? 0) / 1000,
  };
  if (f.outcome === 'inject-failed' || f.outcome === 'revert-failed' || f.outcome === 'active')
    return {
      ...base,
      outcome: {
        kind: 'error',
        message: `fault ${f.outcome}${f.error ? `: ${f.error}` : ''}`,
        body: evidence(f),
      },
    };
  if (f.outcome === 'not-run')
    return { ...base, outcome: { kind: 'skipped', message: 'the fault was never injected', body: '' } };
  const breach = recoveryBreach(journal, f.name);
  if (breach)
    return {
      ...base,
      outcome: {
        kind: 'failure',
        message: breach.reason,
        body: `injected ${formatMs(f.injectedAtMs)}, reverted ${formatMs(f.revertedAtMs)}, time to impact ${formatMs(f.timeToImpactMs)}, time to recover ${formatMs(f.timeToRecoverMs)}\n${evidence(f)}`,
      },
    };
  return { ...base, outcome: null };
}

function evidence(f: FaultRecord): string {
  return [...f.evidence, ...f.revertEvidence]
    .map((e) => `${e.ok ? 'ok' : 'NOT OK'} ${e.check}: ${e.detail}`)
    .join('\n');
}
