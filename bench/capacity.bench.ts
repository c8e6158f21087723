import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { CapacityReport } from '../src/capacity/capacity-report.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { readTextFile } from '../src/runtime/node-runtime.ts';
import { systemClock } from '../src/runtime/system-clock.ts';
import { writeKnownCapacityExperiment } from '../test/helpers/known-capacity-experiment.ts';
import type { BenchSection } from './bench-helpers.ts';

/** The known capacities searched: workers × 1000 / service ms req/s, and where each search starts. */
const CASES = [
  { workers: 2, serviceMs: 20, from: 50 },
  { workers: 4, serviceMs: 20, from: 100 },
  { workers: 8, serviceMs: 20, from: 200 },
];

/**
 * `npm run bench -- capacity`: `faultline capacity` against the demo shop in its known-capacity
 * mode at three capacities (p99 < 100 ms, 1 s warm-up, 3 s hold, precision 5 %): levels needed
 * and the error of the answer against the truth.
 */
export async function run(): Promise<BenchSection> {
  const rows: string[] = [];
  for (const c of CASES) {
    const truth = (c.workers * 1000) / c.serviceMs;
    const dir = mkdtempSync(join(os.tmpdir(), 'faultline-bench-capacity-'));
    const file = await writeKnownCapacityExperiment(dir, `known-${truth}`, c);
    let stdout = '';
    await runCli(
      ['capacity', file, '--json', '--quiet', '--from', String(c.from), '--to', String(truth * 8)],
      {
        cwd: dir,
        env: process.env,
        stdout: { write: (t) => void (stdout += t) },
        stderr: { write: (t) => void process.stderr.write(t) },
        signal: new AbortController().signal,
        clock: systemClock,
        now: () => new Date(),
        readText: readTextFile,
      },
    );
    const r = JSON.parse(stdout) as CapacityReport;
    const found = r.maxSustainableRate;
    const error = found === null ? '-' : `${(((found - truth) / truth) * 100).toFixed(1)} %`;
    const invalid = r.levels.filter((l) => l.outcome === 'invalid').length;
    rows.push(
      `| ${c.workers} × ${c.serviceMs} ms | ${truth} | ${c.from} | ${found ?? 'none'} | ${error} | ${r.levelCount} | ${invalid} | ${r.confirmed ? 'yes' : 'no'} | ${r.stop} |`,
    );
  }
  return {
    title: 'Capacity search against known capacities',
    markdown: [
      `Demo shop in its known-capacity mode (\`EXACT=1\`), objectives p99 < 100 ms and 99 % success, each level 1 s warm-up + 3 s hold, precision 5 %, ceiling 8 × truth. Load average at start: ${os.loadavg()[0]?.toFixed(1)}.`,
      '',
      '| shop | truth req/s | --from | found req/s | error | levels | invalid levels | confirmed | stopped by |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  };
}
