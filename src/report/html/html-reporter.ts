import type { Journal } from '../../journal/journal.ts';
import { escapeHtml as h, jsonForScript } from '../escape.ts';
import { displayTitle, verdictText } from '../report-format.ts';
import type { Reporter } from '../reporter.ts';
import { chartData } from './chart-data.ts';
import { CHART_SCRIPT } from './chart-script.ts';
import {
  breachTable,
  environmentTable,
  evidenceTable,
  faultTable,
  notesList,
  targetTable,
  verdictTable,
} from './html-tables.ts';
import { REPORT_CSS } from './report-css.ts';

/** The chart library's files, inlined into every report (read by the caller: reporters do no I/O). */
export interface HtmlAssets {
  readonly uplotJs: string;
  readonly uplotCss: string;
}

/**
 * `report.html`: one self-contained page (script, styles and data inlined; a Content-Security-Policy
 * that forbids every network fetch) with charts per window and the verdict tables. Readable on a
 * phone (fluid width, scrolling tables) and in print.
 */
export function createHtmlReporter(assets: HtmlAssets): Reporter {
  return {
    name: 'html',
    file: 'report.html',
    description: 'report.html: charts per window, fault bands, verdict tables; one self-contained file',
    render: (journal) => renderHtml(journal, assets),
  };
}

/** `</script>` inside inlined code would end the element early; this never occurs in uPlot, but check. */
const inlineScript = (code: string) => code.replace(/<\/script/gi, '<\\/script');

function renderHtml(journal: Journal, assets: HtmlAssets): string {
  const data = chartData(journal);
  const title = displayTitle(journal);
  const verdict = journal.verdict ?? 'unfinished';
  const figure = (id: string, caption: string) =>
    `<figure class="chart" data-chart="${h(id)}"><figcaption>${h(caption)}</figcaption><div class="plot"></div></figure>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${h(title)}: ${h(verdictText(journal))}</title>
<style>${assets.uplotCss}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
<p class="verdict verdict-${h(verdict)}">${h(verdictText(journal))}</p>
<p>${h(journal.experiment.name)} · ${h(journal.runId)} · exit code ${journal.exitCode ?? '—'}</p>
${journal.experiment.description ? `<p>${h(journal.experiment.description)}</p>` : ''}
<p class="legend"><span class="swatch band"></span> fault active <span class="swatch bad"></span> window missed an objective</p>
</header>
<main>
<section class="charts">
${data.charts.map((c) => figure(c.id, `${c.title} (${c.unit})`)).join('\n')}
</section>
<section>
${verdictTable(journal)}
${faultTable(journal)}
${breachTable(journal)}
${evidenceTable(journal)}
${targetTable(journal)}
${environmentTable(journal)}
${notesList(journal)}
</section>
</main>
<script type="application/json" id="faultline-data">${jsonForScript(data)}</script>
<script>${inlineScript(assets.uplotJs)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}
