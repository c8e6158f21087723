import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * A fresh headless Chromium (its own profile folder, no background networking, no updates) with
 * a viewport of `width`×900. Close it with `context.close()`.
 */
export async function launchChromium(width = 1000): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'faultline-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a report file in a new page of `context` and waits until its charts are drawn; collects
 * console errors and warnings, page errors and every request made (a report must fetch nothing
 * but itself).
 */
export async function openReport(
  context: BrowserContext,
  file: string,
): Promise<{ page: Page; url: string; problems: string[]; requests: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on(
    'console',
    (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(m.text()) : 0),
  );
  page.on('pageerror', (e) => void problems.push(e.message));
  context.on('request', (r) => void requests.push(r.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url);
  await page.waitForSelector('body[data-charts="drawn"]', { timeout: 10_000 });
  return { page, url, problems, requests };
}

/** What one chart of a report shows in the page. */
export interface ChartSeen {
  readonly id: string;
  /** Pixels drawn on its canvas. */
  readonly inked: number;
  /** Its labelled bands (faults; on a capacity report, the answer's rates) and their width in px. */
  readonly bands: { label: string; width: number }[];
  /** Its marks of bad windows (or failed levels). */
  readonly bad: number;
}

/** Runs in the page (a string: the tests' TypeScript has no DOM types): what each chart shows. */
export const INSPECT_CHARTS = `[...document.querySelectorAll('figure.chart')].map((f) => {
  const canvas = f.querySelector('canvas');
  const pixels = canvas ? canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data : [];
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
  const bands = [...f.querySelectorAll('.fault-band')].map((b) => ({ label: b.textContent, width: b.getBoundingClientRect().width }));
  return { id: f.getAttribute('data-chart'), inked, bands, bad: f.querySelectorAll('.bad-window').length };
})`;
