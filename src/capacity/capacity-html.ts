import { escapeHtml as h } from '../report/escape.ts';
import { htmlPage, type HtmlAssets } from '../report/html/html-page.ts';
import { capacityChartData } from './capacity-chart-data.ts';
import type { Level } from './capacity-level.ts';
import type { CapacityReport, SearchReport } from './capacity-report.ts';

/**
 * `capacity.html`: the capacity search as one self-contained page (uPlot, styles and data
 * inlined; a Content-Security-Policy that forbids every fetch): the answer, the curves over the
 * offered rate with the answer marked, and every level in the order it was run.
 */
export function capacityHtml(report: CapacityReport, assets: HtmlAssets): string {
  const headline =
    report.maxSustainableRate === null
      ? 'no sustainable rate found'
      : `max sustainable rate ${report.maxSustainableRate} req/s`;
  const notes = [...report.notes, ...(report.error ? [`error: ${report.error}`] : [])];
  return htmlPage(
    {
      title: `${report.experiment.name}: ${headline}`,
      header: `<h1>Capacity of ${h(report.experiment.name)}</h1>
<p class="verdict${report.exitCode === 0 ? ' verdict-pass' : ''}">${h(headline)}</p>
<p>${h(report.runId)} · ${h(report.startedAt)} · exit code ${report.exitCode}</p>
<p class="legend"><span class="swatch band"></span> the answer (max sustainable, first failing, recommended rate) <span class="swatch bad"></span> a level that failed or was invalid</p>`,
      data: capacityChartData(report),
      body: [
        answerTable(report),
        levelTable(report),
        notes.length > 0 ? `<h2>Notes</h2><ul>${notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>` : '',
      ].join('\n'),
    },
    assets,
  );
}

const rate = (v: number | null) => (v === null ? '—' : `${v} req/s`);

function answerRows(label: string, r: SearchReport): string {
  return `<tr><th scope="row">${h(label)}</th><td>${rate(r.maxSustainableRate)}${r.confirmed ? ' (confirmed)' : ''}</td><td>${rate(r.firstFailingRate)}${r.brokenBy ? ` by ${h(r.brokenBy)}` : ''}</td><td>${rate(r.recommendedRate)}</td><td>${h(r.stop)}</td><td>${r.levelCount}</td></tr>`;
}

function answerTable(report: CapacityReport): string {
  const under = report.underFailure;
  const b = report.breakingPoint;
  return `<div class="scroll"><table id="answer"><caption>Answer</caption>
<tr><th>search</th><th>max sustainable</th><th>first failing</th><th>recommended</th><th>stopped at</th><th>levels</th></tr>
${answerRows('healthy', report)}
${under ? answerRows(`under ${under.under ?? ''}${under.ratioToHealthy === null ? '' : ` (${Math.round(under.ratioToHealthy * 100)} % of healthy)`}`, under) : ''}
</table></div>
${b ? `<p>Breaking point: ${b.breakingRate === null ? 'not reached below the ceiling' : `${b.breakingRate} req/s`}; failed first by ${h(b.kneeMode ?? '—')}, at the top by ${h(b.breakMode ?? '—')}; after the overload, ${b.recovered === null ? 'recovery not measured' : b.recovered ? `recovered at ${b.recoveryRate} req/s` : `did NOT recover at ${b.recoveryRate} req/s`}.</p>` : ''}`;
}

function levelRow(search: string, l: Level, index: number): string {
  const outcome = l.outcome === 'holds' ? 'met' : l.outcome === 'fails' ? 'missed' : 'skipped';
  return `<tr><td>${index + 1}</td><td>${h(search)}</td><td>${l.rate}</td><td>${h(l.purpose)}</td><td class="${outcome}">${h(l.outcome)}</td><td>${l.answeredRate}</td><td>${l.goodRate}</td><td>${l.p50Ms ?? '—'}</td><td>${l.p99Ms ?? '—'}</td><td>${h(l.brokenBy ?? l.invalidReason ?? '')}</td></tr>`;
}

function levelTable(report: CapacityReport): string {
  const rows = [
    ...report.levels.map((l) => ['healthy', l] as const),
    ...(report.breakingPoint?.levels ?? []).map((l) => ['overload', l] as const),
    ...(report.underFailure?.levels ?? []).map(
      (l) => [`under ${report.underFailure?.under ?? ''}`, l] as const,
    ),
  ];
  return `<div class="scroll"><table id="levels"><caption>Levels, in the order run</caption>
<tr><th>#</th><th>search</th><th>rate req/s</th><th>purpose</th><th>outcome</th><th>answered/s</th><th>good/s</th><th>p50 ms</th><th>p99 ms</th><th>why</th></tr>
${rows.map(([search, l], i) => levelRow(search, l, i)).join('\n')}
</table></div>`;
}
