import { Worker } from 'node:worker_threads';
import type { CaseOutcome } from './experiment-case.ts';

/** What a fuzz campaign found. */
export interface FuzzReport {
  cases: number;
  plans: number;
  located: number;
  readonly crashes: { i: number; kind: string; detail: string }[];
  readonly hangs: { i: number; kind: string; ms: number }[];
  readonly kinds: Record<string, number>;
  ms: number;
}

/** Settings of a campaign over experiment files. */
export interface ExperimentFuzzOptions {
  readonly cases: number;
  readonly seed: number;
  /** Bound on one case, ms (10 MB cases get `bigTimeoutMs`). */
  readonly timeoutMs?: number;
  readonly bigTimeoutMs?: number;
  /** Heap bound of the worker running the cases, MB: past it, the case counts as a crash. */
  readonly heapMb?: number;
  /** Told of each crash and hang as found, and every 500 cases. */
  readonly progress?: (line: string) => void;
}

type Message =
  { type: 'start'; i: number; kind: string } | { type: 'end'; i: number; kind: string; outcome: CaseOutcome };

/**
 * Runs `cases` hostile experiment files (case i is generated from `seed + i`, so any case can be
 * replayed) in a worker thread with a bounded heap, watched from here: a case past its time
 * bound is a hang (the worker is ended and a new one goes on with the next case), a worker that
 * dies (out of memory, a crash outside the loader) is a crash. Never throws for what it finds.
 */
export async function fuzzExperiments(options: ExperimentFuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const report: FuzzReport = { cases: 0, plans: 0, located: 0, crashes: [], hangs: [], kinds: {}, ms: 0 };
  let next = 0;
  while (next < options.cases) next = await runWorker(next, options, report);
  return { ...report, ms: Date.now() - started };
}

/** Runs cases from `from` until the end or until the worker must be replaced; returns where to go on. */
function runWorker(from: number, options: ExperimentFuzzOptions, report: FuzzReport): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { seed: options.seed, from, to: options.cases },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 1024 },
      stdout: true,
      stderr: true,
    });
    let current: { i: number; kind: string; at: number } = { i: from, kind: 'generating', at: Date.now() };
    let done = false;
    const finish = (resumeAt: number) => {
      if (done) return;
      done = true;
      clearInterval(watchdog);
      void worker.terminate();
      resolve(resumeAt);
    };
    const bound = () =>
      current.kind.includes('10MB') || current.kind === 'generating'
        ? (options.bigTimeoutMs ?? 60_000)
        : (options.timeoutMs ?? 10_000);
    const watchdog = setInterval(() => {
      const ms = Date.now() - current.at;
      if (ms <= bound()) return;
      report.cases += 1;
      report.hangs.push({ i: current.i, kind: current.kind, ms });
      options.progress?.(`hang: case ${current.i} (${current.kind}) over ${ms} ms`);
      finish(current.i + 1);
    }, 100);
    worker.on('message', (m: Message) => {
      if (m.type === 'start') {
        current = { i: m.i, kind: m.kind, at: Date.now() };
        return;
      }
      report.cases += 1;
      const head = m.kind.split('+').at(-1) ?? m.kind;
      report.kinds[head] = (report.kinds[head] ?? 0) + 1;
      if (m.outcome.result === 'plan') report.plans += 1;
      else if (m.outcome.result === 'located') report.located += 1;
      else report.crashes.push({ i: m.i, kind: m.kind, detail: m.outcome.detail });
      if (m.outcome.result === 'crash')
        options.progress?.(`crash: case ${m.i} (${m.kind}): ${m.outcome.detail.split('\n')[0]}`);
      if (report.cases % 500 === 0) options.progress?.(`${report.cases} cases`);
      current = { i: m.i + 1, kind: 'generating', at: Date.now() };
    });
    worker.on('error', (error) => {
      report.cases += 1;
      report.crashes.push({ i: current.i, kind: current.kind, detail: `worker died: ${error.message}` });
      finish(current.i + 1);
    });
    worker.on('exit', () => finish(options.cases));
  });
}
