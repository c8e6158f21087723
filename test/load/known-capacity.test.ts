import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { freePort } from '../helpers/free-port.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

// The demo shop with 2 workers holding each request 20 ms: a capacity of 100 req/s. Sent evenly,
// 60 req/s never queues (a request every 16.7 ms, two served at once), so p99 stays near 20 ms.
// The same 60 req/s sent as one burst per second queues up to 30 requests per worker: about
// 600 ms for the last. This is the test DESIGN.md §5 names for the open model's pacing.
const CAPACITY_ENV = { WORKERS: '2', SERVICE_MS: '20' };
const P99_BELOW_MS = 80;
const objectives = [
  `    - { name: p99, latency: { percentile: 99, below: ${P99_BELOW_MS}ms } }`,
  '    - { name: availability, success: { at-least: 99% } }',
].join('\n');

async function runAt(rate: number): Promise<{ code: number; summary: RunSummary }> {
  const dir = tempDir();
  const file = await writeShopExperiment(dir, {
    name: `capacity-${rate}`,
    objectives,
    rate,
    duration: '10s',
    shopEnv: CAPACITY_ENV,
  });
  const result = await cli(['run', file, '--json', '--out', `${dir}/journal`, '--quiet']);
  expect(result.stderr).toBe('');
  return { code: result.code, summary: JSON.parse(result.stdout) as RunSummary };
}

const objective = (summary: RunSummary, name: string) => summary.objectives.find((o) => o.name === name);

describe('open-model pacing against a service of known capacity (2 workers × 20 ms = 100 req/s)', () => {
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  });

  it('60 req/s paced evenly meets a p99 below 80 ms, and every intended request is answered', async () => {
    const { code, summary } = await runAt(60);
    console.log(
      `paced 60 req/s: p99 ${objective(summary, 'p99')?.value} ms, availability ${objective(summary, 'availability')?.value}`,
    );
    expect(summary.verdict).toBe('pass');
    expect(code).toBe(0);
    expect(objective(summary, 'p99')?.value ?? Infinity).toBeLessThan(P99_BELOW_MS);
    expect(objective(summary, 'availability')?.value).toBe(1);
  });

  it('the same 60 req/s sent as autocannon bursts (overallRate) breaks that p99: the objective tells pacing from bursts', async () => {
    const port = await freePort();
    const shop = spawn(process.execPath, ['demo/shop.mjs'], {
      env: { ...process.env, PORT: String(port), ...CAPACITY_ENV },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started.push(shop);
    await new Promise<void>((resolve, reject) => {
      shop.stdout?.once('data', () => resolve());
      shop.once('exit', (c) => reject(new Error(`shop exited ${c}`)));
    });
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/products`,
      connections: 60,
      overallRate: 60,
      duration: 4,
    });
    console.log(`autocannon overallRate 60: p99 ${result.latency.p99} ms, ${result.requests.total} requests`);
    expect(result.requests.total).toBeGreaterThan(150);
    expect(result.latency.p99).toBeGreaterThan(4 * P99_BELOW_MS);
  });

  it('150 req/s (1.5 × capacity) fails: the queue grows until answers miss the 1 s timeout', async () => {
    const { code, summary } = await runAt(150);
    const p99 = objective(summary, 'p99');
    const availability = objective(summary, 'availability');
    console.log(
      `paced 150 req/s: verdict ${summary.verdict}, p99 ${p99?.value} ms, availability ${availability?.value}`,
    );
    // No fault is planned, so the overload shows in the baseline: the run is not steady, exit 1.
    expect(summary.verdict).toBe('not-steady');
    expect(code).toBe(1);
    // Latency counts from the intended send time, so the queue shows: more than 1 % of the
    // requests get no answer inside the timeout, and p99 is "beyond the timeout" (null).
    expect(p99).toMatchObject({ met: false, value: null });
    expect(availability?.value ?? 1).toBeLessThan(0.9);
  });
});
