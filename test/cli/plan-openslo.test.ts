import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/captured-runtime.ts';

describe('faultline plan with an OpenSLO file', () => {
  it('shows the objectives mapped from it beside the experiment’s own, and the timeslice window', async () => {
    const { code, stdout, stderr } = await cli(['plan', 'test/fixtures/valid/openslo.yaml']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('windows of 1s');
    expect(stdout).toContain(
      [
        'objectives (with openslo/checkout.yaml):',
        '  throughput: throughput ≥ 90 req/s',
        '  checkout-availability: success ≥ 98%',
        '  checkout-latency/1: p95 < 300ms',
        '  checkout-latency/2: p99 < 800ms',
        '  checkout-errors: success ≥ 97%',
      ].join('\n'),
    );
    const json = JSON.parse((await cli(['plan', 'test/fixtures/valid/openslo.yaml', '--json'])).stdout) as {
      objectives: unknown[];
    };
    expect(json.objectives[2]).toEqual({
      name: 'checkout-latency/1',
      latency: { percentile: 95, below: 300 },
    });
  });
});
