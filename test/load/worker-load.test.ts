import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { startBenchServer } from '../../bench/bench-helpers.ts';
import { freePort } from '../helpers/free-port.ts';
import { openPlan, runLoad } from './load-helpers.ts';

const servers: (Server | TcpServer)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function listen<T extends Server | TcpServer>(server: T): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const causesOf = (windows: readonly { causes: readonly { cause: string; count: number }[] }[]) => {
  const all = new Map<string, number>();
  for (const w of windows) for (const c of w.causes) all.set(c.cause, (all.get(c.cause) ?? 0) + c.count);
  return Object.fromEntries(all);
};

describe('load from worker threads', () => {
  it('a server with a 1 s keep-alive timeout, paced with idle gaps around 1 s: no connection error', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    server.keepAliveTimeout = 1000; // Node says so in `Keep-Alive: timeout=1`
    const url = await listen(server);
    // Gaps sweep from 0.87 s to 1.25 s, across the server's idle close, for 14 s.
    const plan = openPlan(url, 1.15, 14, {
      model: { kind: 'open', rate: 1.15, stages: [{ for: 14_000, rate: 0.8 }], maxConnections: 4 },
    });
    const { recorder, totals } = await runLoad(plan);
    const errors = recorder.windows.reduce((n, w) => n + w.connectionErrors + w.timeouts + w.shortfall, 0);
    expect(totals.answered).toBeGreaterThanOrEqual(12);
    expect(causesOf(recorder.windows)).toEqual({});
    expect(errors).toBe(0);
    // The pool retired idle connections before the server's close instead of reusing them.
    expect(totals.connectionsOpened).toBeGreaterThan(totals.answered / 2);
  }, 60_000);

  it('names each bad event by cause against servers that answer 503, reset, close mid-request or refuse', async () => {
    const unavailable = await listen(createServer((_req, res) => res.writeHead(503).end('busy')));
    const resetting = await listen(
      createTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy())),
    );
    const closing = await listen(createTcpServer((socket) => socket.once('data', () => socket.end())));
    const refused = `http://127.0.0.1:${await freePort()}`;
    const results = await Promise.all(
      [unavailable, resetting, closing, refused].map((url) =>
        runLoad(openPlan(url, 20, 2), { preflight: false }).then((r) => causesOf(r.recorder.windows)),
      ),
    );
    expect(Object.keys(results[0] ?? {})).toEqual(['http 503']);
    expect(Object.keys(results[1] ?? {})).toEqual(['reset']);
    expect(Object.keys(results[2] ?? {})).toEqual(['closed mid-request']);
    expect(Object.keys(results[3] ?? {})).toEqual(['refused']);
    for (const r of results) expect(Object.values(r)[0]).toBeGreaterThan(10);
  }, 60_000);

  it('workers: 2 merge into one set of windows with the same counts as one worker', async () => {
    const bench = await startBenchServer();
    try {
      const url = `http://127.0.0.1:${bench.port}`;
      const one = await runLoad(openPlan(url, 200, 3, { workers: 1 }));
      const two = await runLoad(openPlan(url, 200, 3, { workers: 2 }));
      const intended = (r: typeof one) => r.recorder.windows.map((w) => w.intended);
      expect(intended(one)).toEqual([200, 200, 200]);
      expect(intended(two)).toEqual([200, 200, 200]);
      const answered = (r: typeof one) => r.recorder.windows.reduce((n, w) => n + w.completed, 0);
      // Every worker's answers are in the merged windows, and in one merged histogram.
      expect(answered(two)).toBe(two.totals.answered);
      expect(two.recorder.runTally.completed).toBe(two.totals.answered);
      // Only a request still in flight when the load ends may be missing.
      expect(two.totals.answered).toBeGreaterThanOrEqual(595);
    } finally {
      await bench.stop();
    }
  }, 60_000);

  it('a 400 ms synchronous stall of the main thread does not show in measured latency', async () => {
    const bench = await startBenchServer(); // its own process: the stall cannot slow the server
    try {
      const { recorder } = await runLoad(openPlan(`http://127.0.0.1:${bench.port}`, 100, 3), {
        during: () =>
          setTimeout(() => {
            const until = performance.now() + 400;
            while (performance.now() < until); // the stall
          }, 1200),
      });
      const worst = Math.max(...recorder.windows.map((w) => w.latency.max ?? Infinity));
      expect(recorder.windows).toHaveLength(3);
      expect(worst).toBeLessThan(200); // on the main thread this was ≥ 400 ms
    } finally {
      await bench.stop();
    }
  }, 60_000);
});
