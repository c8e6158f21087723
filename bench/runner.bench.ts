import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startEmbeddedProxyWorker } from '../src/faults/toxiproxy/embedded-proxy-worker.ts';
import type { LoadPlan, LoadTotals } from '../src/load/load-driver.ts';
import { WorkerLoadDriver } from '../src/load/worker-load-driver.ts';
import { RunnerHealthMonitor } from '../src/runner/runner-health.ts';
import { WindowRecorder } from '../src/slo/window-recorder.ts';
import type { WindowSummary } from '../src/slo/window-summary.ts';
import { busyCore, writeToxicExperiment } from '../test/helpers/toxic-experiment.ts';
import { median, sleep, startBenchServer, type BenchSection } from './bench-helpers.ts';

const BIN = fileURLToPath(new URL('../bin/faultline.js', import.meta.url));
const RUNS = Number(process.env.BENCH_TOXIC_RUNS ?? 20);

/** One `faultline run --json` in its own process: its verdict and the path of its journal. */
function faultlineRun(file: string, dir: string): Promise<{ verdict: string; journal?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', file, '--json', '--quiet', '--out', join(dir, 'j')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out) as { verdict: string; journal: string });
      } catch {
        resolve({ verdict: 'no summary' });
      }
    });
  });
}

/** The lowest, over a run's missed windows, of the runner's worst lag (send lag or a thread's delay), ms. */
function runnerLagOfMisses(journalPath: string | undefined): number | null {
  if (!journalPath) return null;
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { windows: WindowSummary[] };
  const missed = journal.windows.filter((w) => w.phase !== 'warmup' && !w.met);
  const lag = (w: WindowSummary) =>
    Math.max(w.runner?.sendLagP99Ms ?? 0, ...Object.values(w.runner?.eventLoopDelayP99Ms ?? {}));
  return missed.length ? Math.min(...missed.map(lag)) : null;
}

async function toxicRuns(busy: boolean): Promise<{ counts: Record<string, number>; lags: number[] }> {
  const spinner = busy ? busyCore() : undefined;
  const counts: Record<string, number> = {};
  const lags: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
      const { verdict, journal } = await faultlineRun(await writeToxicExperiment(dir), dir);
      counts[verdict] = (counts[verdict] ?? 0) + 1;
      const lag = verdict === 'pass' ? null : runnerLagOfMisses(journal);
      if (lag !== null) lags.push(Math.round(lag));
      process.stderr.write(`  toxic run ${i + 1}/${RUNS}${busy ? ' (busy core)' : ''}: ${verdict}\n`);
    }
  } finally {
    await spinner?.stop();
  }
  return { counts, lags };
}

/** Runs a plan with the worker driver, a recorder and the runner's health monitor, as `faultline run` does. */
async function measuredRun(
  plan: LoadPlan,
  during?: (now: () => number) => Promise<void>,
): Promise<{ windows: WindowSummary[]; totals: LoadTotals }> {
  const driver = new WorkerLoadDriver();
  await driver.preflight(plan);
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const health = new RunnerHealthMonitor(1000, now);
  const recorder = new WindowRecorder({
    windowMs: 1000,
    objectives: [{ name: 'p99', latency: { percentile: 99, below: 100 } }],
    openModel: plan.model.kind === 'open',
    classify: () => ({ phase: 'baseline', activeFaults: [] }),
    health: health.health,
  });
  const ticker = setInterval(() => recorder.closeUntil(now()), 50);
  const run = driver.start(plan, recorder, now, health);
  await during?.(now);
  const totals = await run.done;
  clearInterval(ticker);
  health.stop();
  recorder.finish(plan.durationMs);
  return { windows: recorder.windows, totals };
}

const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

async function proxyChurn(): Promise<string> {
  const server = await startBenchServer();
  const proxy = await startEmbeddedProxyWorker();
  try {
    const api = new Toxiproxy(proxy.url);
    const created = await api.createProxy({
      name: 'bench',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${server.port}`,
    });
    const url = `http://127.0.0.1:${created.listen.slice(created.listen.lastIndexOf(':') + 1)}`;
    const seconds = 10;
    const plan: LoadPlan = {
      url,
      requests: [{ method: 'GET', path: '/', weight: 1 }],
      model: { kind: 'open', rate: 2000, stages: [], maxConnections: 200 },
      durationMs: seconds * 1000,
      timeoutMs: 2000,
      workers: 1,
    };
    let toggles = 0;
    const { windows, totals } = await measuredRun(plan, async (now) => {
      while (now() < plan.durationMs - 1000) {
        const p = await api.get('bench');
        await p.addToxic({
          name: 'churn',
          type: 'latency',
          stream: 'downstream',
          toxicity: 1,
          attributes: { latency: 1, jitter: 0 },
        });
        await sleep(500);
        await fetch(`${proxy.url}/proxies/bench/toxics/churn`, { method: 'DELETE' });
        toggles++;
        await sleep(500);
      }
    });
    const scored = windows.slice(1); // the first second warms up connections
    const lag = scored.map((w) => w.runner?.sendLagP99Ms ?? NaN);
    const threads = [
      ...new Set(scored.flatMap((w) => Object.keys(w.runner?.eventLoopDelayP99Ms ?? {}))),
    ].sort();
    const eld = (t: string) => scored.map((w) => w.runner?.eventLoopDelayP99Ms[t] ?? NaN);
    return [
      `Open model at 2000 req/s for ${seconds} s through the embedded proxy (its own worker thread) to bench-server.mjs (its own process); a 1 ms latency toxic added and removed every second (${toggles} times) over the API. Per 1 s window after the first: the p99 send lag and each thread's event-loop delay p99 (RunnerHealth), shown as median and worst window. ${totals.answered} of ${totals.intended} answered.`,
      '',
      '| measure | median window | worst window | goal | |',
      '|---|---|---|---|---|',
      `| send lag p99 | ${f(median(lag))} ms | ${f(max(lag))} ms | ≤ 2 ms | ${median(lag) <= 2 ? 'met (median)' : 'NOT met'} |`,
      ...threads.map(
        (t) =>
          `| event-loop delay p99, ${t} | ${f(median(eld(t)))} ms | ${f(max(eld(t)))} ms | ≤ 2 ms | ${median(eld(t)) <= 2 ? 'met (median)' : 'NOT met'} |`,
      ),
      `| runner CPU (all threads, % of one core) | ${f(median(scored.map((w) => w.runner?.cpuPercent ?? NaN)), 0)} % | ${f(max(scored.map((w) => w.runner?.cpuPercent ?? NaN)), 0)} % | (reported) | |`,
    ].join('\n');
  } finally {
    await proxy.close();
    await server.stop();
  }
}

async function closedThroughput(seconds = 5, connections = 20): Promise<string> {
  const server = await startBenchServer();
  const url = `http://127.0.0.1:${server.port}`;
  const plan = (workers: number): LoadPlan => ({
    url,
    requests: [{ method: 'GET', path: '/', weight: 1 }],
    model: { kind: 'closed', connections },
    durationMs: seconds * 1000,
    timeoutMs: 2000,
    workers,
  });
  const bare = async (workers: number) => {
    const r = await autocannon({ url, connections, duration: seconds, ...(workers > 1 ? { workers } : {}) });
    return r.requests.total / seconds;
  };
  const ours = async (workers: number) => (await measuredRun(plan(workers))).totals.answered / seconds;
  const rows: { what: string; rps: number[] }[] = [
    { what: 'bare autocannon, 1 thread', rps: [] },
    { what: 'faultline, workers: 1', rps: [] },
    { what: 'bare autocannon, workers: 2', rps: [] },
    { what: 'faultline, workers: 2', rps: [] },
  ];
  try {
    for (let round = 0; round < 2; round++) {
      rows[0]?.rps.push(await bare(1));
      await sleep(300);
      rows[1]?.rps.push(await ours(1));
      await sleep(300);
      rows[2]?.rps.push(await bare(2));
      await sleep(300);
      rows[3]?.rps.push(await ours(2));
      await sleep(300);
    }
  } finally {
    await server.stop();
  }
  const m = rows.map((r) => median(r.rps));
  const [b1 = NaN, o1 = NaN, b2 = NaN, o2 = NaN] = m;
  return [
    `Closed model, ${connections} connections, ${seconds} s per run, 2 alternating rounds, bench-server.mjs in its own process. faultline runs its LoadSession in worker threads with a real WindowRecorder and health monitor on the main thread.`,
    '',
    '| run | req/s (per round) | median |',
    '|---|---|---|',
    ...rows.map(
      (r, i) => `| ${r.what} | ${r.rps.map((x) => Math.round(x)).join(', ')} | ${Math.round(m[i] ?? NaN)} |`,
    ),
    '',
    '| measure | measured | goal | |',
    '|---|---|---|---|',
    `| faultline ÷ bare autocannon, 1 worker | ${f(o1 / b1, 3)} | ≥ 0.95 | ${o1 / b1 >= 0.95 ? 'met' : 'NOT met'} |`,
    `| faultline ÷ bare autocannon, 2 workers each | ${f(o2 / b2, 3)} | ≥ 0.95 | ${o2 / b2 >= 0.95 ? 'met' : 'NOT met'} |`,
    `| faultline workers: 2 ÷ workers: 1 | ${f(o2 / o1, 3)} | (reported) | |`,
  ].join('\n');
}

async function pacedAccuracy(rate = 20_000, seconds = 5): Promise<string> {
  const server = await startBenchServer();
  try {
    const { windows, totals } = await measuredRun({
      url: `http://127.0.0.1:${server.port}`,
      requests: [{ method: 'GET', path: '/', weight: 1 }],
      model: { kind: 'open', rate, stages: [], maxConnections: 1000 },
      durationMs: seconds * 1000,
      timeoutMs: 2000,
      workers: 2,
    });
    return [
      `Open model at ${rate} req/s for ${seconds} s with workers: 2, bench-server.mjs in its own process. Per 1 s window: requests intended by the schedule, answered, shortfall and errors, send lag p99 (how late requests left against their intended time) and p99 latency measured from the intended time.`,
      '',
      '| window | intended | answered | shortfall | errors + timeouts | send lag p99 | latency p99 |',
      '|---|---|---|---|---|---|---|',
      ...windows.map(
        (w) =>
          `| ${w.index} | ${w.intended} | ${w.completed} | ${w.shortfall} | ${w.connectionErrors + w.timeouts} | ${f(w.runner?.sendLagP99Ms ?? NaN)} ms | ${w.latency.p99 === null ? 'beyond timeout' : `${f(w.latency.p99)} ms`} |`,
      ),
      '',
      `Totals: ${totals.intended} intended, ${totals.sent} sent, ${totals.answered} answered (${f((100 * totals.answered) / (rate * seconds), 1)} % of the schedule), ${totals.connectionsOpened} connections opened.`,
    ].join('\n');
  } finally {
    await server.stop();
  }
}

/** The runner section: verdicts on a busy machine, the runner's own lag, throughput and pacing with workers. */
export async function run(): Promise<BenchSection> {
  const started = new Date().toISOString();
  process.stderr.write('  runner: 2000 req/s through the proxy with toxic churn…\n');
  const churn = await proxyChurn();
  process.stderr.write('  runner: closed-model throughput…\n');
  const closed = await closedThroughput();
  process.stderr.write('  runner: paced accuracy at 20000 req/s…\n');
  const paced = await pacedAccuracy();
  process.stderr.write('  runner: toxic runs with a busy core…\n');
  const busy = await toxicRuns(true);
  process.stderr.write('  runner: toxic runs, quiet…\n');
  const quiet = await toxicRuns(false);
  const count = (c: Record<string, number>) =>
    `${c.pass ?? 0} | ${c.inconclusive ?? 0} | ${c.fail ?? 0} | ${
      Object.entries(c)
        .filter(([k]) => !['pass', 'inconclusive', 'fail'].includes(k))
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ') || '0'
    }`;
  return {
    title: 'Runner: verdicts on a busy machine, the runner’s own lag, load from worker threads',
    markdown: [
      `Produced by \`npm run bench -- runner\` (started ${started}).`,
      '',
      `### A 50 ms latency toxic on a busy machine`,
      '',
      `${RUNS} runs each of \`faultline run\` (its own process) of an experiment sending 100 req/s through the embedded proxy to bench-server.mjs, a 50 ms downstream latency toxic from 4 s to 8 s, objectives p99 < 200 ms and availability ≥ 99 % (test/helpers/toxic-experiment.ts). "Busy core": another process spinning on one core for the whole series.`,
      '',
      '| series | pass | inconclusive | fail | other |',
      '|---|---|---|---|---|',
      `| busy core | ${count(busy.counts)} |`,
      `| no busy process | ${count(quiet.counts)} |`,
      '',
      `In every run that did not pass, each missed window also shows the runner's own lag (the larger of its send lag p99 and any thread's event-loop delay p99); its lowest over the run's missed windows, in ms: busy core ${busy.lags.join(', ') || '—'}; no busy process ${quiet.lags.join(', ') || '—'}. Lag that large explains a miss of p99 < 200 ms on its own.`,
      '',
      '### 2,000 req/s through the embedded proxy while a toxic is added and removed',
      '',
      churn,
      '',
      '### Closed-model throughput with load workers',
      '',
      closed,
      '',
      '### Paced schedule accuracy at 20,000 req/s with 2 workers',
      '',
      paced,
    ].join('\n'),
  };
}
