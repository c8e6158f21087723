import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadPlan } from '../../src/load/load-driver.ts';
import { LoadSession } from '../../src/load/load-session.ts';
import type { SampleSink } from '../../src/slo/sample-sink.ts';
import { openPlan } from './load-helpers.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A real server answering after `delayMs`; returns its URL. */
async function slowServer(delayMs: number): Promise<string> {
  server = createServer((_req, res) => setTimeout(() => res.end('ok'), delayMs));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** Every sample a session sends, with its time stamp. */
function recordingSink(onResponse: (count: number) => void) {
  const stamps: number[] = [];
  let responses = 0;
  const sink: SampleSink = {
    intended: (at) => void stamps.push(at),
    response: (at) => {
      stamps.push(at);
      onResponse(++responses);
    },
    timeout: (at) => void stamps.push(at),
    error: (at) => void stamps.push(at),
    shortfall: (at) => void stamps.push(at),
  };
  return { sink, stamps, responses: () => responses };
}

// The load's end timer fires late whenever the thread is busy or stalled. The load still ends at
// its duration: what happens after it is "in flight at the end", counted nowhere. Here the clock
// jumps past the end (as after a stall) long before the real end timer is due.
describe('a load session ends at its duration, not when its end timer fires', () => {
  for (const model of ['closed', 'open'] as const)
    it(`${model} model: nothing is stamped past the end, and the totals count exactly what the sink got`, async () => {
      const url = await slowServer(20);
      const plan: LoadPlan =
        model === 'closed'
          ? { ...openPlan(url, 0, 10), model: { kind: 'closed', connections: 2 } }
          : openPlan(url, 50, 10);
      const t0 = performance.now();
      let skew = 0;
      const recorded = recordingSink((n) => {
        if (n === 5) skew = 60_000; // past the 10 s end, with the real end timer 10 s away
      });
      const session = new LoadSession(plan, recorded.sink, () => performance.now() - t0 + skew);
      const started = performance.now();
      const totals = await session.run().done;
      expect(performance.now() - started, 'ended by the first event past the end').toBeLessThan(5000);
      expect(recorded.stamps.every((at) => at < plan.durationMs)).toBe(true);
      expect(totals.answered).toBe(recorded.responses());
      expect(totals.answered).toBeGreaterThanOrEqual(5);
    });
});
