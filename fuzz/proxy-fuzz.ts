import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import fc from 'fast-check';
import type { FuzzReport } from './experiment-fuzz.ts';

/** One hostile request to the proxy's HTTP API. */
interface ApiCase {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  /** The body, sent in `chunks` pieces `delayMs` apart (slow bodies). */
  readonly body: string;
  readonly chunks: number;
  readonly delayMs: number;
}

const NAMES = ['fz', 'fz2', '', '..', '%00', 'a'.repeat(300), '%E2%82', 'x y', '<script>'];
const hostileNumber = fc.constantFrom(
  -1,
  0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.5,
  'NaN',
  '1e999',
  null,
  true,
  [],
  {},
  '9'.repeat(400),
);
const toxicType = fc.constantFrom(
  'latency',
  'bandwidth',
  'slow_close',
  'timeout',
  'reset_peer',
  'slicer',
  'limit_data',
  'nope',
  '',
  42,
);
const toxicBody = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 30 })),
  type: toxicType,
  stream: fc.constantFrom('upstream', 'downstream', 'sideways', 7),
  toxicity: hostileNumber,
  attributes: fc.dictionary(
    fc.constantFrom(
      'latency',
      'jitter',
      'rate',
      'delay',
      'timeout',
      'bytes',
      'average_size',
      'size_variation',
      '__proto__',
      'constructor',
    ),
    hostileNumber,
  ),
});
const proxyBody = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 30 })),
  // Listen only on loopback (port 0: any free one); hostile forms that must be refused.
  listen: fc.constantFrom('127.0.0.1:0', 'localhost:0', '127.0.0.1:99999', ':::', 'x', 5, ''),
  upstream: fc.constantFrom('127.0.0.1:9', '127.0.0.1:0', 'nowhere', '', null),
  enabled: fc.oneof(fc.boolean(), hostileNumber),
});

const body = fc.oneof(
  { weight: 4, arbitrary: toxicBody.map((b) => ({ kind: 'toxic', text: JSON.stringify(b) })) },
  { weight: 3, arbitrary: proxyBody.map((b) => ({ kind: 'proxy', text: JSON.stringify(b) })) },
  { weight: 2, arbitrary: fc.json().map((t) => ({ kind: 'json', text: t })) },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map((t) => ({ kind: 'malformed', text: `{${t}` })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 20, max: 5000 })
      .map((d) => ({ kind: 'deep', text: '['.repeat(d * 10) + ']'.repeat(d * 10) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(2, 12)
      .map((mb) => ({ kind: `huge-${mb}MB`, text: `{"name":"${'a'.repeat(mb * 1024 * 1024)}"}` })),
  },
);

const apiCase: fc.Arbitrary<ApiCase> = fc
  .tuple(
    fc.constantFrom('GET', 'POST', 'DELETE', 'PATCH', 'PUT', 'OPTIONS'),
    fc.constantFrom(
      '/proxies',
      '/proxies/fz',
      '/proxies/fz/toxics',
      '/proxies/fz/toxics/t',
      '/reset',
      '/populate',
      '/version',
      '/proxies/%E2%82',
      '/proxies/fz/toxics/%00',
      `/${'a'.repeat(5000)}`,
      '/proxies/../reset',
    ),
    body,
    fc.nat({ max: 19 }),
  )
  .map(([method, path, b, roll]) => ({
    kind: `${method} ${b.kind}`,
    method,
    path,
    body: b.text,
    chunks: roll === 0 ? 5 : 1,
    delayMs: roll === 0 ? 300 : 0,
  }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Sends one case; resolves the status (or 'closed' when the server cut the connection). */
function send(
  port: number,
  c: ApiCase,
  timeoutMs: number,
): Promise<number | 'closed' | 'timeout' | 'listener'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: c.method, path: c.path, agent: false });
    const timer = setTimeout(() => (req.destroy(), resolve('timeout')), timeoutMs);
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => void (text = (text + d.toString()).slice(0, 4000)));
      // Toxiproxy's contract: a listener failure (bad address, port in use) is a 500 with the
      // system's text — an answer, not a crash.
      const listener = () => res.statusCode === 500 && /^\{"error":"listen tcp/.test(text);
      res.on('end', () => (clearTimeout(timer), resolve(listener() ? 'listener' : (res.statusCode ?? 0))));
      res.on('error', () => (clearTimeout(timer), resolve('closed')));
    });
    req.on('error', () => (clearTimeout(timer), resolve('closed')));
    const piece = Math.ceil(c.body.length / c.chunks);
    let i = 0;
    const next = () => {
      if (req.destroyed) return;
      if (i >= c.chunks) return void req.end();
      req.write(c.body.slice(i * piece, (i + 1) * piece));
      i += 1;
      setTimeout(next, c.delayMs);
    };
    next();
  });
}

/**
 * Drives a standalone `faultline proxy` over HTTP only with `cases` hostile requests (seeded):
 * malformed JSON, wrong types, hostile toxic attributes, deep nesting, slow and huge bodies.
 * Each must get an answer below 500 (or the contract's 500 for a listener failure, or the
 * connection closed on an oversize body) within its time bound, and the proxy must keep
 * answering; any other 5xx, or the proxy dying, is a crash.
 */
export async function fuzzProxyApi(options: { cases: number; seed: number }): Promise<FuzzReport> {
  const started = Date.now();
  const report: FuzzReport = { cases: 0, plans: 0, located: 0, crashes: [], hangs: [], kinds: {}, ms: 0 };
  if (options.cases === 0) return report;
  const port = await freePort();
  const root = new URL('..', import.meta.url).pathname;
  const child = spawn(process.execPath, ['bin/faultline.js', 'proxy', '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
  let exited = false;
  child.once('exit', () => void (exited = true));
  try {
    for (
      let i = 0;
      i < 100 &&
      (await send(
        port,
        { kind: '', method: 'GET', path: '/version', body: '', chunks: 1, delayMs: 0 },
        500,
      )) !== 200;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    // A live proxy, so cases on /proxies/fz and its toxics reach the toxic handlers.
    await send(
      port,
      {
        kind: '',
        method: 'POST',
        path: '/proxies',
        body: JSON.stringify({ name: 'fz', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' }),
        chunks: 1,
        delayMs: 0,
      },
      5000,
    );
    const cases = fc.sample(apiCase, { seed: options.seed, numRuns: options.cases });
    for (const [i, c] of cases.entries()) {
      report.cases += 1;
      report.kinds[c.kind] = (report.kinds[c.kind] ?? 0) + 1;
      const status = await send(port, c, c.delayMs > 0 ? 15_000 : 10_000);
      if (status === 'timeout') report.hangs.push({ i, kind: c.kind, ms: c.delayMs > 0 ? 15_000 : 10_000 });
      else if (exited) report.crashes.push({ i, kind: c.kind, detail: `the proxy exited: ${stderr}` });
      else if (typeof status === 'number' && status >= 500)
        report.crashes.push({
          i,
          kind: c.kind,
          detail: `HTTP ${status} for ${c.method} ${c.path.slice(0, 80)} ${c.body.slice(0, 200)}`,
        });
      else report.located += 1;
      if (exited) break;
    }
  } finally {
    child.kill('SIGTERM');
  }
  report.ms = Date.now() - started;
  return report;
}
