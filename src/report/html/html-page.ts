import { escapeHtml as h, jsonForScript } from '../escape.ts';
import type { ChartData } from './chart-data.ts';
import { CHART_SCRIPT } from './chart-script.ts';
import { REPORT_CSS } from './report-css.ts';

/** The chart library's files, inlined into every report (read by the caller: reporters do no I/O). */
export interface HtmlAssets {
  readonly uplotJs: string;
  readonly uplotCss: string;
}

/** What one report page holds: its title, the header's inner HTML, the chart data and the tables. */
export interface HtmlPage {
  readonly title: string;
  readonly header: string;
  readonly data: ChartData;
  readonly body: string;
}

/** `</script>` inside inlined code would end the element early; this never occurs in uPlot, but check. */
const inlineScript = (code: string) => code.replace(/<\/script/gi, '<\\/script');

/**
 * One self-contained report page: uPlot, styles and data inlined, a Content-Security-Policy that
 * forbids every network fetch, a figure per chart (drawn by CHART_SCRIPT), then `body`. Readable
 * on a phone (fluid width, scrolling tables) and in print.
 */
export function htmlPage(page: HtmlPage, assets: HtmlAssets): string {
  const figure = (id: string, caption: string) =>
    `<figure class="chart" data-chart="${h(id)}"><figcaption>${h(caption)}</figcaption><div class="plot"></div></figure>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${h(page.title)}</title>
<style>${assets.uplotCss}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
${page.header}
</header>
<main>
<section class="charts">
${page.data.charts.map((c) => figure(c.id, `${c.title} (${c.unit})`)).join('\n')}
</section>
<section>
${page.body}
</section>
</main>
<script type="application/json" id="faultline-data">${jsonForScript(page.data)}</script>
<script>${inlineScript(assets.uplotJs)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}
