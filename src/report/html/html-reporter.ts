import type { Journal } from '../../journal/journal.ts';
import { escapeHtml as h } from '../escape.ts';
import { displayTitle, verdictText } from '../report-format.ts';
import type { Reporter } from '../reporter.ts';
import { chartData } from './chart-data.ts';
import { htmlPage, type HtmlAssets } from './html-page.ts';
import {
  breachTable,
  environmentTable,
  evidenceTable,
  faultTable,
  notesList,
  targetTable,
  verdictTable,
} from './html-tables.ts';

export type { HtmlAssets } from './html-page.ts';

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

function renderHtml(journal: Journal, assets: HtmlAssets): string {
  const title = displayTitle(journal);
  const verdict = journal.verdict ?? 'unfinished';
  return htmlPage(
    {
      title: `${title}: ${verdictText(journal)}`,
      header: `<h1>${h(title)}</h1>
<p class="verdict verdict-${h(verdict)}">${h(verdictText(journal))}</p>
<p>${h(journal.experiment.name)} · ${h(journal.runId)} · exit code ${journal.exitCode ?? '—'}</p>
${journal.experiment.description ? `<p>${h(journal.experiment.description)}</p>` : ''}
<p class="legend"><span class="swatch band"></span> fault active <span class="swatch bad"></span> window missed an objective</p>`,
      data: chartData(journal),
      body: [
        verdictTable(journal),
        faultTable(journal),
        breachTable(journal),
        evidenceTable(journal),
        targetTable(journal),
        environmentTable(journal),
        notesList(journal),
      ].join('\n'),
    },
    assets,
  );
}
