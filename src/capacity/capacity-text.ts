import type { CapacityReport, SearchReport } from './capacity-report.ts';
import type { Level } from './capacity-level.ts';

/** The capacity report as terminal text: the answer first, then every level (the curves). */
export function capacityText(report: CapacityReport, file: string): string {
  const lines = [`capacity of ${report.experiment.name} (run ${report.runId})`, ...answer(report, '')];
  if (report.breakingPoint) {
    const b = report.breakingPoint;
    lines.push(
      `  breaking point: ${b.breakingRate === null ? 'not reached below the ceiling' : `${b.breakingRate} req/s (most requests unanswered)`}; ` +
        `first failed by ${b.kneeMode ?? '-'}, at the top by ${b.breakMode ?? '-'}`,
      `  recovery at ${b.recoveryRate ?? '-'} req/s after overload: ${b.recovered === null ? 'not measured' : b.recovered ? 'recovered' : 'did NOT recover'}`,
    );
  }
  if (report.underFailure) {
    const u = report.underFailure;
    lines.push(`under fault ${u.under}:`, ...answer(u, ''));
    if (u.ratioToHealthy !== null) lines.push(`  ratio to healthy: ${Math.round(u.ratioToHealthy * 100)} %`);
  }
  lines.push('', '  rate req/s  purpose   outcome   answered/s  good/s   p50 ms  p99 ms  why');
  const all = [
    ...report.levels,
    ...(report.breakingPoint?.levels ?? []),
    ...(report.underFailure?.levels ?? []),
  ];
  lines.push(...all.map(row));
  for (const note of report.notes) lines.push(`note: ${note}`);
  if (report.error) lines.push(`error: ${report.error}`);
  lines.push(`record: ${file}`);
  return `${lines.join('\n')}\n`;
}

function answer(r: SearchReport, indent: string): string[] {
  const max =
    r.maxSustainableRate === null
      ? `none (${r.stop === 'floor' ? 'even the first level failed' : `search stopped: ${r.stop}`})`
      : `${r.maxSustainableRate} req/s${r.confirmed ? ' (confirmed by a repeat)' : ' (NOT confirmed)'}${r.stop === 'ceiling' ? ', the ceiling: it may hold more' : ''}${r.stop === 'runner' ? ', limited by the runner: it could not drive more' : ''}`;
  return [
    `${indent}  max sustainable rate: ${max}`,
    `${indent}  first failing rate:   ${r.firstFailingRate === null ? '-' : `${r.firstFailingRate} req/s, broken by ${r.brokenBy}`}`,
    `${indent}  recommended:          ${r.recommendedRate === null ? '-' : `${r.recommendedRate} req/s (with headroom)`}`,
    `${indent}  levels tried:         ${r.levelCount}`,
  ];
}

function row(l: Level): string {
  const cell = (v: number | null, w: number) => String(v ?? '-').padStart(w);
  const why = l.brokenBy ?? l.invalidReason ?? '';
  return `  ${cell(l.rate, 10)}  ${l.purpose.padEnd(8)}  ${l.outcome.padEnd(8)}  ${cell(l.answeredRate, 10)}  ${cell(l.goodRate, 6)}  ${cell(l.p50Ms, 7)}  ${cell(l.p99Ms, 6)}  ${why}`;
}
