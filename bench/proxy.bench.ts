import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { connect, createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startProxyServer } from '../src/proxy/proxy-server.ts';
import { median, sleep, startBenchServer, type BenchSection } from './bench-helpers.ts';
import { BASELINE_COMMIT, extractBaseline } from './proxy-baseline.ts';

/**
 * Benchmark of the embedded Toxiproxy-compatible proxy on 127.0.0.1, in both deployments —
 * `embedded` (in the benchmark process, as `faultline run` starts it) and `standalone` (its own
 * process, as `faultline proxy` or a real Toxiproxy) — beside a reference: pipe-proxy.mjs, the least
 * a Node TCP proxy can do (two pipe() calls), in its own process. The HTTP server is bench-server.mjs
 * in its own process; the load client and the bulk server run here. Measures (a) an HTTP keep-alive
 * loop direct vs proxied with no toxics: added p50 of sequential requests (interleaved request by
 * request, so machine drift cancels out), the throughput of 50 closed-loop connections, and 50
 * connections paced at 30 % of the direct rate, with the CPU of every proxy process of its own
 * under both loads; (b) bulk MB/s on one connection, BULK_ROUNDS rounds interleaved route by
 * route; (c) with a 100 ms latency toxic: the added median and bulk MB/s. About two minutes;
 * every step is bounded.
 */

const SEQUENTIAL = { rounds: 3, requests: 2000 };
const CONCURRENT = { connections: 50, seconds: 3, rounds: 2 };
const BULK_BYTES = 512 * 1024 * 1024;
const BULK_ROUNDS = 3;
/** Bulk MB/s of the previous data path on an idle machine of this type: the goal is 1.2× these. */
const BULK_BEFORE = { embedded: 492, standalone: 513 } as const;
/** CPU per proxied request under the 50-connection load, standalone process. */
const CPU_PER_REQUEST_GOAL_US = 25;
const PACED = { connections: 50, share: 0.3, seconds: 3 };
const LATENCY_SAMPLES = 30;
const STEP_TIMEOUT_MS = 60_000;

/** Rejects if `work` takes longer than STEP_TIMEOUT_MS, so the benchmark always ends. */
function bounded<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no result within ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A keep-alive HTTP/1.1 connection sending GET / and reading each response by its content-length. */
class HttpConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d]);
      this.check();
    });
  }

  static async open(port: number): Promise<HttpConnection> {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new HttpConnection(socket);
  }

  /** One request; resolves with its round-trip time in ms. */
  request(): Promise<number> {
    const started = performance.now();
    return new Promise((resolve) => {
      this.waiting = () => resolve(performance.now() - started);
      this.socket.write('GET / HTTP/1.1\r\nHost: bench\r\n\r\n');
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private check(): void {
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(
      /content-length:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('latin1'))?.[1] ?? 0,
    );
    const total = headerEnd + 4 + length;
    if (this.buffer.length < total) return;
    this.buffer = this.buffer.subarray(total);
    const done = this.waiting;
    this.waiting = undefined;
    done?.();
  }
}

/** p50 round trip (ms) per port: one connection each, requests interleaved port by port, after `warmup`. */
async function sequentialP50(ports: readonly number[], requests: number, warmup = 200): Promise<number[]> {
  const connections = await Promise.all(ports.map((p) => HttpConnection.open(p)));
  const times = ports.map((): number[] => []);
  try {
    for (let i = 0; i < requests + warmup; i++) {
      for (const [k, c] of connections.entries()) {
        const ms = await c.request();
        if (i >= warmup) times[k]?.push(ms);
      }
    }
  } finally {
    for (const c of connections) c.close();
  }
  return times.map(median);
}

/** Requests per second answered over `connections` closed-loop connections for `seconds`. */
async function concurrent(port: number, connections: number, seconds: number): Promise<number> {
  const all = await Promise.all(Array.from({ length: connections }, () => HttpConnection.open(port)));
  const until = performance.now() + seconds * 1000;
  let answered = 0;
  try {
    await Promise.all(
      all.map(async (c) => {
        while (performance.now() < until) {
          await c.request();
          answered++;
        }
      }),
    );
  } finally {
    for (const c of all) c.close();
  }
  return answered / seconds;
}

/**
 * An even load: `connections` connections sending `rate` req/s in total for `seconds`, each on its
 * own schedule (a late answer delays only that connection). Resolves answered req/s and the p50
 * and p99 round trip in ms.
 */
async function paced(
  port: number,
  connections: number,
  rate: number,
  seconds: number,
): Promise<{ rps: number; p50: number; p99: number }> {
  const all = await Promise.all(Array.from({ length: connections }, () => HttpConnection.open(port)));
  const interval = (1000 * connections) / rate;
  const started = performance.now();
  const until = started + seconds * 1000;
  const times: number[] = [];
  try {
    await Promise.all(
      all.map(async (c, k) => {
        for (let next = started + (k * interval) / connections; next < until; next += interval) {
          const wait = next - performance.now();
          if (wait > 0) await sleep(wait);
          times.push(await c.request());
        }
      }),
    );
  } finally {
    for (const c of all) c.close();
  }
  times.sort((a, b) => a - b);
  return {
    rps: times.length / seconds,
    p50: times[Math.floor(times.length / 2)] ?? NaN,
    p99: times[Math.floor(times.length * 0.99)] ?? NaN,
  };
}

/** A server that sends `bytes` bytes to every client, then closes. */
async function bulkServer(bytes: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const block = Buffer.alloc(1024 * 1024, 7);
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, block.length);
        left -= n;
        if (!socket.write(n === block.length ? block : block.subarray(0, n)))
          return void socket.once('drain', pump);
      }
      socket.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

/** MB/s (10^6 B/s) of receiving everything from 127.0.0.1:`port`. */
async function bulk(port: number, expected: number): Promise<number> {
  const started = performance.now();
  const socket = connect(port, '127.0.0.1');
  let received = 0;
  socket.on('data', (d: Buffer) => {
    received += d.length;
  });
  await new Promise<void>((resolve, reject) => socket.once('close', () => resolve()).once('error', reject));
  if (received !== expected) throw new Error(`bulk: received ${received} of ${expected} bytes`);
  return received / 1e6 / ((performance.now() - started) / 1000);
}

/** CPU seconds (user, system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number): { user: number; system: number } {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return { user: NaN, system: NaN };
  }
}

/** Times the main thread of a process has gone to sleep so far (Linux /proc); NaN elsewhere. */
function sleepsOf(pid: number): number {
  try {
    return Number(/voluntary_ctxt_switches:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return NaN;
  }
}

/** The proxy in its own process (this file with --serve-proxy): its API URL, pid and a stop. */
async function startStandalone(
  module?: string,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      fileURLToPath(import.meta.url),
      '--serve-proxy',
      ...(module ? [module] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await bounded(
    'standalone proxy start',
    new Promise<string>((resolve, reject) => {
      child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim()));
      void exited.then(() => reject(new Error('proxy process exited')));
    }),
  );
  return {
    url,
    pid: child.pid ?? 0,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** One way to reach the servers: direct, or through a proxy with its own listen ports. */
interface Route {
  readonly name: string;
  readonly http: number;
  readonly bulk: number;
  readonly api?: Toxiproxy;
  /** The process whose CPU is measured under the 50-connection loads (routes with a process of their own). */
  readonly pid?: number;
  /** A yardstick, not a faultline proxy: no toxics, no goals. */
  readonly reference?: boolean;
}

const REFERENCE = 'node pipe() (reference)';

/** pipe-proxy.mjs in its own process, in front of the HTTP and bulk servers. */
async function startPipeReference(
  httpPort: number,
  bulkPort: number,
): Promise<{ route: Route; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./pipe-proxy.mjs', import.meta.url)), String(httpPort), String(bulkPort)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ports = await bounded(
    'reference proxy start',
    new Promise<number[]>((resolve, reject) => {
      child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim().split(' ').map(Number)));
      void exited.then(() => reject(new Error('reference proxy exited')));
    }),
  );
  return {
    route: {
      name: REFERENCE,
      http: ports[0] ?? 0,
      bulk: ports[1] ?? 0,
      pid: child.pid ?? 0,
      reference: true,
    },
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function proxiedRoute(name: string, url: string, httpPort: number, bulkPort: number): Promise<Route> {
  const api = new Toxiproxy(url);
  const portOf = (listen: string) => Number(listen.slice(listen.lastIndexOf(':') + 1));
  const http = await api.createProxy({
    name: 'http',
    listen: '127.0.0.1:0',
    upstream: `127.0.0.1:${httpPort}`,
  });
  const data = await api.createProxy({
    name: 'bulk',
    listen: '127.0.0.1:0',
    upstream: `127.0.0.1:${bulkPort}`,
  });
  return { name, http: portOf(http.listen), bulk: portOf(data.listen), api };
}

/** Adds a 100 ms downstream latency toxic to both proxies of a route. */
async function addLatency(route: Route): Promise<void> {
  for (const name of ['http', 'bulk']) {
    await (
      await route.api?.get(name)
    )?.addToxic({
      name: 'lat',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 100, jitter: 0 },
    });
  }
}

interface Measured {
  p50: number[][];
  rps: number[][];
  paced: { rate: number; results: { rps: number; p50: number; p99: number }[] };
  /** Per route, MB/s of each round. */
  bulk: number[][];
  latencyAdded: number[];
  latencyBulk: number[];
  /** Per route: CPU of its own process and requests answered meanwhile, closed loop (all rounds). */
  cpu: CpuUse[];
  /** The same during the paced run. */
  pacedCpu: CpuUse[];
}

/** CPU seconds a process used, the times its main thread slept (wake-ups), and the requests answered meanwhile. */
interface CpuUse {
  user: number;
  system: number;
  wakeups: number;
  requests: number;
}

/** Runs `load` (resolving requests answered) and adds the CPU `pid` used meanwhile to `into`. */
async function withCpu(
  pid: number | undefined,
  into: CpuUse | undefined,
  load: Promise<number>,
): Promise<void> {
  const before = pid ? { ...cpuSeconds(pid), sleeps: sleepsOf(pid) } : undefined;
  const requests = await load;
  if (!pid || !before || !into) return;
  const after = cpuSeconds(pid);
  into.user += after.user - before.user;
  into.system += after.system - before.system;
  into.wakeups += sleepsOf(pid) - before.sleeps;
  into.requests += requests;
}

/** Runs every measurement over the routes (the first is direct). */
async function measure(routes: readonly Route[]): Promise<Measured> {
  const m: Measured = {
    p50: [],
    rps: routes.map(() => []),
    paced: { rate: 0, results: [] },
    bulk: [],
    latencyAdded: [],
    latencyBulk: [],
    cpu: routes.map(() => ({ user: 0, system: 0, wakeups: 0, requests: 0 })),
    pacedCpu: routes.map(() => ({ user: 0, system: 0, wakeups: 0, requests: 0 })),
  };
  for (let r = 0; r < SEQUENTIAL.rounds; r++)
    m.p50.push(
      await bounded(
        'sequential',
        sequentialP50(
          routes.map((x) => x.http),
          SEQUENTIAL.requests,
        ),
      ),
    );
  for (let r = 0; r < CONCURRENT.rounds; r++) {
    for (const [k, route] of routes.entries()) {
      const load = async () => {
        const rps = await bounded(
          `concurrent ${route.name}`,
          concurrent(route.http, CONCURRENT.connections, CONCURRENT.seconds),
        );
        m.rps[k]?.push(rps);
        return rps * CONCURRENT.seconds;
      };
      await withCpu(route.pid, m.cpu[k], load());
      await sleep(300);
    }
  }
  m.paced.rate = Math.round((median(m.rps[0] ?? []) * PACED.share) / 1000) * 1000;
  for (const [k, route] of routes.entries()) {
    const load = async () => {
      const result = await bounded(
        `paced ${route.name}`,
        paced(route.http, PACED.connections, m.paced.rate, PACED.seconds),
      );
      m.paced.results.push(result);
      return result.rps * PACED.seconds;
    };
    await withCpu(route.pid, m.pacedCpu[k], load());
    await sleep(300);
  }
  m.bulk = routes.map(() => []);
  for (let r = 0; r < BULK_ROUNDS; r++)
    for (const [k, route] of routes.entries())
      m.bulk[k]?.push(await bounded(`bulk ${route.name}`, bulk(route.bulk, BULK_BYTES)));
  const proxied = routes.slice(1).filter((r) => !r.reference);
  for (const route of proxied) await addLatency(route);
  const slowed = await bounded(
    'latency',
    sequentialP50(
      [routes[0], ...proxied].map((x) => x?.http ?? 0),
      LATENCY_SAMPLES,
      2,
    ),
  );
  m.latencyAdded = proxied.map((_, k) => (slowed[k + 1] ?? NaN) - (slowed[0] ?? NaN));
  for (const route of proxied)
    m.latencyBulk.push(await bounded(`bulk with latency ${route.name}`, bulk(route.bulk, BULK_BYTES)));
  return m;
}

/** What the paced run shows: whether the proxied routes kept up with the direct one. */
function pacedVerdict(routes: readonly Route[], m: Measured): string {
  const direct = m.paced.results[0]?.rps ?? NaN;
  const kept = m.paced.results.slice(1).every((r) => r.rps >= direct * 0.98);
  const answered = routes.map((r, k) => `${r.name} ${Math.round(m.paced.results[k]?.rps ?? NaN)}`).join(', ');
  return kept
    ? `At a load the machine can carry (${m.paced.rate} req/s paced) every proxied route answered the full rate (${answered} req/s).`
    : `At ${m.paced.rate} req/s paced the proxied routes did not keep up (${answered} req/s answered).`;
}

const row = (measure: string, value: string, goal: string, met: boolean) =>
  `| ${measure} | ${value} | ${goal} | ${met ? 'met' : 'NOT met'} |`;
const ms = (x: number) => `${x.toFixed(3)} ms`;

const BEFORE = ' (before)';

interface CpuFigure {
  perRequest: number;
  kernel: number;
  perWakeup: number;
}

/** The paragraph that says what the CPU figures mean, from what they turned out to be. */
function cpuMeaning(
  closed: CpuFigure,
  pacedUse: CpuFigure,
  reference: CpuFigure,
  referencePaced: CpuFigure,
  rate: number,
): string {
  const pacedSentence =
    pacedUse.perRequest >= closed.perRequest
      ? `Paced at ${rate} req/s, where the machine is not saturated, the standalone proxy spent more per request, not less: ${pacedUse.perRequest.toFixed(1)} µs (${(pacedUse.kernel * 100).toFixed(0)} % in the kernel), because each wake-up of its event loop served ${pacedUse.perWakeup.toFixed(1)} requests instead of ${closed.perWakeup.toFixed(1)}. So taking the contention away does not bring the figure down: per-request CPU is mostly the price of wake-ups and of the kernel's loopback TCP work (a write on loopback also runs the receiving end's TCP input).`
      : `Paced at ${rate} req/s, where the machine is not saturated, the standalone proxy spent ${pacedUse.perRequest.toFixed(1)} µs per request (${(pacedUse.kernel * 100).toFixed(0)} % in the kernel), less than in the CPU-bound closed loop.`;
  const added = closed.perRequest - reference.perRequest;
  return [
    `What the CPU figures mean. The goal's figure is the closed loop's: each wake-up of the proxy serves many ready sockets.`,
    pacedSentence,
    `The reference row sets faultline's own cost apart from that floor: the same loads through the plain pipe() proxy cost ${reference.perRequest.toFixed(1)} µs per request closed loop and ${referencePaced.perRequest.toFixed(1)} µs paced, so faultline's data path ${added >= 0 ? `adds ${added.toFixed(1)} µs` : `costs ${(-added).toFixed(1)} µs less`} per request closed loop (rounds differ by several µs on this shared machine).`,
  ].join(' ');
}

function report(routes: readonly Route[], m: Measured): string {
  const p50 = routes.map((_, k) => median(m.p50.map((round) => round[k] ?? NaN)));
  const rps = routes.map((_, k) => median(m.rps[k] ?? []));
  const added = (k: number) => (p50[k] ?? NaN) - (p50[0] ?? NaN);
  const ratio = (k: number) => (rps[k] ?? NaN) / (rps[0] ?? NaN);
  const bulkOf = (k: number) => median(m.bulk[k] ?? []);
  const cpuOf = (
    k: number,
    of: readonly CpuUse[] = m.cpu,
    seconds = CONCURRENT.rounds * CONCURRENT.seconds,
  ) => {
    const c = of[k] ?? { user: NaN, system: NaN, wakeups: NaN, requests: NaN };
    return {
      perRequest: ((c.user + c.system) / c.requests) * 1e6,
      userPerRequest: (c.user / c.requests) * 1e6,
      kernelPerRequest: (c.system / c.requests) * 1e6,
      cores: (c.user + c.system) / seconds,
      perWakeup: c.requests / c.wakeups,
      kernel: c.system / (c.user + c.system),
    };
  };
  const pacedCpuOf = (k: number) => cpuOf(k, m.pacedCpu, PACED.seconds);
  const split = (c: ReturnType<typeof cpuOf>) =>
    `${c.perRequest.toFixed(1)} µs (user ${c.userPerRequest.toFixed(1)}, kernel ${c.kernelPerRequest.toFixed(1)}); ${c.perWakeup.toFixed(1)} requests per wake-up`;
  const indexOf = (name: string) => routes.findIndex((r) => r.name === name);
  const goals = routes.slice(1).flatMap((route, i) => {
    const k = i + 1;
    if (route.name.endsWith(BEFORE) || route.reference) return [];
    const name = route.name as keyof typeof BULK_BEFORE;
    const before = indexOf(route.name + BEFORE);
    const rows = [
      row(
        `${route.name}: throughput ratio, 50 connections (proxied ÷ direct)`,
        ratio(k).toFixed(3),
        '≥ 0.80',
        ratio(k) >= 0.8,
      ),
      row(`${route.name}: added p50 per request, no toxics`, ms(added(k)), '≤ 0.1 ms', added(k) <= 0.1),
      row(
        `${route.name}: bulk on one connection, no toxics (median of ${BULK_ROUNDS}; share of direct)`,
        `${bulkOf(k).toFixed(0)} MB/s (${(bulkOf(k) / bulkOf(0)).toFixed(2)})`,
        `≥ 1.2 × ${BULK_BEFORE[name]} = ${(1.2 * BULK_BEFORE[name]).toFixed(0)} MB/s (figure of an idle machine)`,
        bulkOf(k) >= 1.2 * BULK_BEFORE[name],
      ),
    ];
    if (before > 0)
      rows.push(
        row(
          `${route.name}: bulk now ÷ before, same run`,
          `${(bulkOf(k) / bulkOf(before)).toFixed(2)} (${bulkOf(k).toFixed(0)} vs ${bulkOf(before).toFixed(0)} MB/s)`,
          '≥ 1.20',
          bulkOf(k) / bulkOf(before) >= 1.2,
        ),
      );
    rows.push(
      row(
        `${route.name}: added median, 100 ms latency toxic`,
        ms(m.latencyAdded[i] ?? NaN),
        '100 ± 2 ms',
        Math.abs((m.latencyAdded[i] ?? NaN) - 100) <= 2,
      ),
      row(
        `${route.name}: bulk throughput, 100 ms latency toxic`,
        `${(m.latencyBulk[i] ?? NaN).toFixed(0)} MB/s`,
        '≥ 100 MB/s',
        (m.latencyBulk[i] ?? 0) >= 100,
      ),
    );
    if (route.pid) {
      const cpu = cpuOf(k);
      const then = before > 0 ? ` (before: ${cpuOf(before).perRequest.toFixed(1)} µs)` : '';
      rows.push(
        row(
          `${route.name}: CPU per request, 50 connections`,
          `${cpu.perRequest.toFixed(1)} µs${then}`,
          `≤ ${CPU_PER_REQUEST_GOAL_US} µs`,
          cpu.perRequest <= CPU_PER_REQUEST_GOAL_US,
        ),
      );
    }
    return rows;
  });
  const cpuRows = routes.flatMap((route, k) =>
    route.pid
      ? [
          `| ${route.name}: CPU per request, 50 connections closed loop | ${split(cpuOf(k))} | (reported) | |`,
          `| ${route.name}: CPU per request, 50 connections paced at ${m.paced.rate} req/s | ${split(pacedCpuOf(k))} | (reported) | |`,
        ]
      : [],
  );
  const standalone = cpuOf(indexOf('standalone'));
  const standalonePaced = pacedCpuOf(indexOf('standalone'));
  const reference = cpuOf(indexOf(REFERENCE));
  const referencePaced = pacedCpuOf(indexOf(REFERENCE));
  return [
    `HTTP server: bench-server.mjs in its own process. \`embedded\`: the proxy in the benchmark process (as \`faultline run\` starts it), sharing its thread with the load client and bulk server. \`standalone\`: the proxy in its own process (as \`faultline proxy\`, or a real Toxiproxy). \`${REFERENCE}\`: bench/pipe-proxy.mjs in its own process, the least a Node proxy does (two pipe() calls; no API, toxics or counters), as a yardstick for CPU and throughput. Routes marked \`${BEFORE.trim()}\` run the proxy of commit ${BASELINE_COMMIT.slice(0, 7)} (before the faster data path), extracted with git archive, in the same run. Sequential: ${SEQUENTIAL.rounds} rounds of ${SEQUENTIAL.requests} keep-alive requests per route, interleaved request by request (after 200 of warm-up). Concurrent: ${CONCURRENT.connections} closed-loop connections for ${CONCURRENT.seconds} s, ${CONCURRENT.rounds} rounds, routes alternating; then the same connections paced evenly at ${PACED.share * 100} % of the direct closed-loop rate for ${PACED.seconds} s. Bulk: ${BULK_BYTES / 2 ** 20} MiB server → client on one connection, ${BULK_ROUNDS} rounds, routes alternating (median shown). Latency: ${LATENCY_SAMPLES} interleaved requests with a 100 ms downstream latency toxic, minus the direct p50.`,
    '',
    `| route | sequential p50 (per round) | 50 connections, closed loop: req/s (per round) | 50 connections paced at ${m.paced.rate} req/s: answered req/s, p50, p99 | bulk MB/s |`,
    '|---|---|---|---|---|',
    ...routes.map((r, k) => {
      const p = m.paced.results[k];
      const pacedCell = p ? `${Math.round(p.rps)}, ${ms(p.p50)}, ${ms(p.p99)}` : 'n/a';
      return `| ${r.name} | ${m.p50.map((round) => (round[k] ?? NaN).toFixed(3)).join(', ')} ms | ${(m.rps[k] ?? []).map(Math.round).join(', ')} | ${pacedCell} | ${bulkOf(k).toFixed(0)} |`;
    }),
    '',
    '| measure | measured | goal | |',
    '|---|---|---|---|',
    ...goals,
    '',
    'CPU of each proxy process of its own (from /proc: user and kernel time, and the times its main thread went to sleep, over the requests answered meanwhile):',
    '',
    '| measure | measured | goal | |',
    '|---|---|---|---|',
    ...cpuRows,
    '',
    `Bulk MB/s per round (${routes.map((r) => r.name).join(' / ')}): ${Array.from({ length: BULK_ROUNDS }, (_, r) => routes.map((_, k) => (m.bulk[k]?.[r] ?? NaN).toFixed(0)).join(' / ')).join('; ')}.`,
    '',
    `Under the 50-connection load the standalone proxy used ${standalone.cores.toFixed(2)} of a core: ${standalone.perRequest.toFixed(1)} µs of CPU per request, ${(standalone.kernel * 100).toFixed(0)} % of it in the kernel (a proxied request costs four extra socket syscalls: read and write each way). With client, server and proxy sharing ${cpus().length} vCPUs the closed loop is CPU-bound, so the ratio measures the proxy's CPU cost rather than a throughput limit of its own; the goal assumes the proxy gets a core of its own. ${pacedVerdict(routes, m)}`,
    '',
    cpuMeaning(standalone, standalonePaced, reference, referencePaced, m.paced.rate),
    '',
    'No real Toxiproxy 2.12 ran beside it: this machine has no Go toolchain, no Toxiproxy binary and no image registry, so no side-by-side figure is claimed. Byte counting for /metrics is always on in these runs (it is not switched by the metrics options).',
  ].join('\n');
}

/** Runs the benchmark; resolves the markdown section (tables of measured vs goal). */
export async function run(): Promise<BenchSection> {
  const http = await startBenchServer();
  const data = await bulkServer(BULK_BYTES);
  const baseline = extractBaseline();
  const stops: (() => Promise<void>)[] = [data.stop, http.stop];
  try {
    const embedded = await startProxyServer({ host: '127.0.0.1', port: 0 });
    stops.push(() => embedded.close());
    const standalone = await startStandalone();
    stops.push(standalone.stop);
    const reference = await startPipeReference(http.port, data.port);
    stops.push(reference.stop);
    const routes: Route[] = [
      { name: 'direct', http: http.port, bulk: data.port },
      await proxiedRoute('embedded', embedded.url, http.port, data.port),
      { ...(await proxiedRoute('standalone', standalone.url, http.port, data.port)), pid: standalone.pid },
    ];
    if (baseline) {
      const old = (await import(baseline.module)) as { startProxyServer: typeof startProxyServer };
      const embeddedBefore = await old.startProxyServer({ host: '127.0.0.1', port: 0 });
      stops.push(() => embeddedBefore.close());
      const standaloneBefore = await startStandalone(baseline.module);
      stops.push(standaloneBefore.stop);
      routes.push(await proxiedRoute('embedded' + BEFORE, embeddedBefore.url, http.port, data.port), {
        ...(await proxiedRoute('standalone' + BEFORE, standaloneBefore.url, http.port, data.port)),
        pid: standaloneBefore.pid,
      });
    }
    routes.push(reference.route);
    const measured = await measure(routes);
    return { title: 'Embedded Toxiproxy-compatible proxy', markdown: report(routes, measured) };
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    baseline?.remove();
  }
}

/** `--serve-proxy [module]`: serves the proxy of `module` (default: the current one), prints its URL. */
async function serveProxy(module: string | undefined): Promise<void> {
  const start = module
    ? ((await import(module)) as { startProxyServer: typeof startProxyServer }).startProxyServer
    : startProxyServer;
  const server = await start({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${server.url}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--serve-proxy');
  if (at >= 0) await serveProxy(process.argv[at + 1]);
  else process.stdout.write(`${(await run()).markdown}\n`);
}
