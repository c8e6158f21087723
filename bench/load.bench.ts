import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { AutocannonDriver } from '../src/load/autocannon-driver.ts';
import type { LoadPlan } from '../src/load/load-driver.ts';
import { WindowRecorder } from '../src/slo/window-recorder.ts';
import { median, sleep, startBenchServer, type BenchSection } from './bench-helpers.ts';

const objectives = [
  { name: 'availability', success: { 'at-least': 0.99 } },
  { name: 'p99', latency: { percentile: 99, below: 100 } },
] as const;

/** Runs faultline's driver with a real window recorder; returns answered requests per second. */
async function faultlineRun(plan: LoadPlan): Promise<number> {
  const recorder = new WindowRecorder({
    windowMs: 1000,
    objectives,
    openModel: plan.model.kind === 'open',
    classify: () => ({ phase: 'baseline', activeFaults: [] }),
  });
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const ticker = setInterval(() => recorder.closeUntil(now()), 50);
  const totals = await new AutocannonDriver().start(plan, recorder, now).done;
  clearInterval(ticker);
  return totals.answered / (plan.durationMs / 1000);
}

async function bareRun(url: string, connections: number, seconds: number): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds });
  return result.requests.total / seconds;
}

/** Issue #2 benchmark 1: faultline's closed-model throughput vs bare autocannon, side by side. */
export async function throughputSection(seconds = 8, rounds = 3, connections = 20): Promise<string> {
  const server = await startBenchServer();
  const url = `http://127.0.0.1:${server.port}`;
  const plan: LoadPlan = {
    url,
    requests: [{ method: 'GET', path: '/', weight: 1 }],
    model: { kind: 'closed', connections },
    durationMs: seconds * 1000,
    timeoutMs: 2000,
  };
  const ours: number[] = [];
  const bare: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      bare.push(await bareRun(url, connections, seconds));
      await sleep(500);
      ours.push(await faultlineRun(plan));
      await sleep(500);
    }
  } finally {
    await server.stop();
  }
  const ratio = median(ours) / median(bare);
  return [
    `Closed model, ${connections} connections, ${seconds} s per run, ${rounds} alternating rounds, same local server (its own process).`,
    '',
    '| run | bare autocannon req/s | faultline req/s |',
    '|---|---|---|',
    ...ours.map((o, i) => `| ${i + 1} | ${Math.round(bare[i] ?? 0)} | ${Math.round(o)} |`),
    '',
    `| measure | measured | goal | |`,
    '|---|---|---|---|',
    `| throughput ratio (median faultline ÷ median bare) | ${ratio.toFixed(3)} | ≥ 0.95 | ${ratio >= 0.95 ? 'met' : 'NOT met'} |`,
  ].join('\n');
}

/** Issue #2 benchmark 2: memory of a long open-model run; growth must stay under 20 MB. */
export async function memorySection(minutes = 10, rate = 2000): Promise<string> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const server = await startBenchServer();
  const plan: LoadPlan = {
    url: `http://127.0.0.1:${server.port}`,
    requests: [{ method: 'GET', path: '/', weight: 1 }],
    model: { kind: 'open', rate, stages: [], maxConnections: 200 },
    durationMs: minutes * 60_000,
    timeoutMs: 2000,
  };
  const samples: { atS: number; heapMB: number; rssMB: number }[] = [];
  const sampler = setInterval(() => {
    gc?.();
    const m = process.memoryUsage();
    samples.push({ atS: Math.round(performance.now() / 1000), heapMB: m.heapUsed / 1e6, rssMB: m.rss / 1e6 });
  }, 30_000);
  const started = performance.now();
  let answered = 0;
  try {
    answered = (await faultlineRun(plan)) * (plan.durationMs / 1000);
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
  const settled = samples.slice(1); // the first sample is still warming up
  const first = settled[0];
  const last = settled[settled.length - 1];
  const heapGrowth = first && last ? last.heapMB - first.heapMB : NaN;
  const rssGrowth = first && last ? last.rssMB - first.rssMB : NaN;
  return [
    `Open model at ${rate} req/s for ${minutes} min (${Math.round(answered)} answers in ${((performance.now() - started) / 1000).toFixed(0)} s), heap sampled every 30 s after a forced GC${gc ? '' : ' (GC not exposed: run with --expose-gc for clean numbers)'}.`,
    '',
    '| t (s) | heap used MB | RSS MB |',
    '|---|---|---|',
    ...samples.map((s) => `| ${s.atS} | ${s.heapMB.toFixed(1)} | ${s.rssMB.toFixed(1)} |`),
    '',
    '| measure | measured | goal | |',
    '|---|---|---|---|',
    `| heap growth after warm-up | ${heapGrowth.toFixed(1)} MB | < 20 MB | ${heapGrowth < 20 ? 'met' : 'NOT met'} |`,
    `| RSS growth after warm-up | ${rssGrowth.toFixed(1)} MB | (reported) | |`,
  ].join('\n');
}

/** The load section of docs/BENCHMARKS.md. */
export async function run(options: { minutes?: number } = {}): Promise<BenchSection> {
  const throughput = await throughputSection();
  const memory = await memorySection(options.minutes ?? 10);
  return {
    title: 'Load generation (issue #2)',
    markdown: `### Throughput: faultline vs bare autocannon\n\n${throughput}\n\n### Memory of a long run\n\n${memory}`,
  };
}
