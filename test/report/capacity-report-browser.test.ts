import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CapacityReport } from '../../src/capacity/capacity-report.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { INSPECT_CHARTS, launchChromium, openReport, type ChartSeen } from '../helpers/headless-chromium.ts';
import { writeKnownCapacityExperiment } from '../helpers/known-capacity-experiment.ts';

describe('the capacity report of a real search, opened in headless Chromium', () => {
  it('charts the curves over the offered rate with the answer marked, lists every level, fetches nothing', async () => {
    const dir = tempDir();
    const file = await writeKnownCapacityExperiment(dir, 'charted', { workers: 4, serviceMs: 20 });
    const out = join(dir, 'found');
    const run = await cli([
      'capacity',
      file,
      '--from',
      '100',
      '--to',
      '400',
      '--precision',
      '20%',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`charts: ${join(out, 'capacity.html')}`);
    const report = JSON.parse(readFileSync(join(out, 'capacity.json'), 'utf8')) as CapacityReport;
    const notHolding = report.levels.filter((l) => l.outcome !== 'holds').length;
    expect(notHolding).toBeGreaterThan(0);

    const context = await launchChromium(1000);
    try {
      const { page, url, problems, requests } = await openReport(context, join(out, 'capacity.html'));
      const charts = await page.evaluate<ChartSeen[]>(INSPECT_CHARTS);
      expect(charts.map((c) => c.id)).toEqual(['throughput', 'latency', 'errors']);
      const marks = [
        `max sustainable ${report.maxSustainableRate}`,
        `first failing ${report.firstFailingRate}`,
        `recommended ${report.recommendedRate}`,
      ];
      for (const chart of charts) {
        expect(chart.inked, `${chart.id} has drawn pixels`).toBeGreaterThan(1000);
        expect(chart.bands.map((b) => b.label)).toEqual(marks);
        expect(chart.bad).toBe(notHolding);
      }
      const rows = await page.evaluate<number>("document.querySelectorAll('#levels tr').length - 1");
      expect(rows).toBe(report.levels.length);
      const headline = await page.evaluate<string>("document.querySelector('.verdict').textContent");
      expect(headline).toBe(`max sustainable rate ${report.maxSustainableRate} req/s`);
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
