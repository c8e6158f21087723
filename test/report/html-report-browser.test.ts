import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { INSPECT_CHARTS, launchChromium, openReport, type ChartSeen } from '../helpers/headless-chromium.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

const REPORTS = ['report.html', 'junit.xml', 'summary.md', 'postmortem.md', 'journal.json'];

describe('the HTML report of a real run, opened in headless Chromium', () => {
  let out = '';
  let journal: Journal;

  beforeAll(async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'html-report',
      objectives:
        '    - { name: fast, latency: { percentile: 99, below: 300ms } }\n    - { name: availability, success: { at-least: 99% } }',
      duration: '12s',
      rate: 100,
      faults:
        '  - { name: freeze, target: inventory, type: pause, at: 4s, for: 2s }\n  - { name: freeze-again, target: inventory, type: pause, at: 7s, for: 1s }',
      hypothesis: '  warmup: 1s\n  baseline: 2s\n  after: 2s',
    });
    out = join(dir, 'run');
    const run = await cli([
      'run',
      file,
      '--reporter',
      'html,junit,markdown',
      '--reporter',
      'postmortem,json',
      '--out',
      out,
    ]);
    expect(run.stderr).not.toMatch(/run failed|internal error|could not be/);
    journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
  });

  it('run --reporter writes every named report into --out', () => {
    for (const name of REPORTS) expect(statSync(join(out, name)).size).toBeGreaterThan(200);
    expect(journal.faults.map((f) => f.outcome)).toEqual(['reverted', 'reverted']);
    expect(journal.environment?.node).toBe(process.version);
  });

  it('charts drew content, one band per fault on every chart, no console error, no network', async () => {
    const context = await launchChromium(1000);
    try {
      const { page, url, problems, requests } = await openReport(context, join(out, 'report.html'));
      const charts = await page.evaluate<ChartSeen[]>(INSPECT_CHARTS);
      // The process targets' CPU and memory are recorded in every window, so saturation is charted too.
      const saturated = journal.windows.some((w) => w.saturation.length > 0);
      expect(charts.map((c) => c.id)).toEqual([
        'throughput',
        'errors',
        'latency',
        ...(saturated ? ['saturation'] : []),
      ]);
      const badWindows = journal.windows.filter((w) => !w.met && w.phase !== 'warmup').length;
      for (const chart of charts) {
        expect(chart.inked, `${chart.id} has drawn pixels`).toBeGreaterThan(1000);
        expect(chart.bands.map((b) => b.label)).toEqual(['freeze', 'freeze-again']);
        for (const band of chart.bands) expect(band.width).toBeGreaterThan(10);
        expect(chart.bad).toBe(badWindows);
      }
      expect(badWindows).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, 'no sideways scrolling of the page on a phone').toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1000, height: 900 });
      await page.emulateMedia({ media: 'print' });
      await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
      const printed = await page.evaluate<ChartSeen[]>(INSPECT_CHARTS);
      for (const chart of printed) {
        expect(chart.inked, `${chart.id} still drawn for print`).toBeGreaterThan(1000);
        expect(chart.bands).toHaveLength(2);
      }
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.emulateMedia({ media: 'screen' });
      await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
      expect(existsSync(join(out, 'report.png'))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
