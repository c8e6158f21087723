import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHtmlReporter } from '../report/html/html-reporter.ts';
import { jsonReporter } from '../report/json-reporter.ts';
import { junitReporter } from '../report/junit-reporter.ts';
import { markdownReporter } from '../report/markdown-reporter.ts';
import { postmortemReporter } from '../report/postmortem-reporter.ts';
import { ReporterRegistry } from '../report/reporter-registry.ts';

const require = createRequire(import.meta.url);

/** uPlot's browser build and styles, read from the installed package. */
export function uplotAssets(): { uplotJs: string; uplotCss: string } {
  return {
    uplotJs: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    uplotCss: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
}

/** Every reporter `--reporter` accepts; the registry rejects a duplicate name at start-up. */
export function defaultReporters(): ReporterRegistry {
  return new ReporterRegistry([
    createHtmlReporter(uplotAssets()),
    junitReporter,
    markdownReporter,
    postmortemReporter,
    jsonReporter,
  ]);
}
