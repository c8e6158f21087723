import * as hdr from 'hdr-histogram-js';
import { cpuUsage } from 'node:process';
import type { LoadObserver } from '../load/load-driver.ts';
import { EventLoopDelay, epochNow, threadDelays, type ThreadDelayReport } from '../runtime/thread-delay.ts';
import type { ShortfallKind } from '../slo/sample-sink.ts';
import type { RunnerHealth } from '../slo/window-summary.ts';

const SAMPLE_MS = 100;

interface WindowHealth {
  readonly delays: Map<string, number>;
  cpuUs: number;
  lag: hdr.Histogram | undefined;
  generatorShortfall: number;
}

/**
 * Watches the runner itself during a run, window by window: the event-loop delay of every thread
 * (main here, load workers and the embedded proxy through `threadDelays`; per thread the highest
 * p99 of its ~100–250 ms reports in the window), the process's CPU (all threads, percent of one
 * core), send lag (p99 of actual − intended send, from the load observer) and shortfall of the
 * generator's own doing. `health(startMs, endMs)` is the WindowRecorder's `health` option.
 */
export class RunnerHealthMonitor implements LoadObserver {
  readonly #windows = new Map<number, WindowHealth>();
  readonly #main = new EventLoopDelay();
  readonly #unsubscribe: () => void;
  readonly #sampler: NodeJS.Timeout;
  #cpu = cpuUsage();

  /** @param now the run clock (ms since load start), the time base of every window. */
  constructor(
    readonly windowMs: number,
    readonly now: () => number,
  ) {
    this.#unsubscribe = threadDelays.subscribe((r) => this.#delay(r));
    this.#sampler = setInterval(() => this.#sample(), SAMPLE_MS);
    this.#sampler.unref();
  }

  sent(atMs: number, lagUs: number): void {
    const w = this.#window(atMs);
    w.lag ??= hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      autoResize: true,
    });
    w.lag.recordValue(Math.max(1, Math.round(lagUs)));
  }

  shortfall(atMs: number, count: number, kind: ShortfallKind): void {
    if (kind === 'generator') this.#window(atMs).generatorShortfall += count;
  }

  /** The runner's health over [startMs, endMs); forgets that window and any before it. */
  health = (startMs: number, endMs: number): RunnerHealth | null => {
    this.#sample();
    const index = Math.floor(startMs / this.windowMs);
    const w = this.#windows.get(index);
    for (const k of this.#windows.keys()) if (k <= index) this.#windows.delete(k);
    const seconds = (endMs - startMs) / 1000;
    return {
      eventLoopDelayP99Ms: Object.fromEntries(
        [...(w?.delays ?? [])].map(([thread, ms]) => [thread, Math.round(ms * 1000) / 1000]),
      ),
      cpuPercent: w && seconds > 0 ? Math.round(w.cpuUs / 10 / seconds) / 1000 : null,
      sendLagP99Ms: w?.lag ? w.lag.getValueAtPercentile(99) / 1000 : null,
      generatorShortfall: w?.generatorShortfall ?? 0,
    };
  };

  stop(): void {
    clearInterval(this.#sampler);
    this.#unsubscribe();
    this.#main.stop();
  }

  #sample(): void {
    this.#delay({ thread: 'main', epochMs: epochNow(), p99Ms: this.#main.take() });
    const cpu = cpuUsage(this.#cpu);
    this.#cpu = cpuUsage();
    this.#window(this.now()).cpuUs += cpu.user + cpu.system;
  }

  /**
   * A delay of D ms reported at t means the thread could not run for up to D ms before t: every
   * window that stretch overlaps gets it (a stall of seconds spans windows the report comes after).
   */
  #delay(report: ThreadDelayReport): void {
    const atMs = report.epochMs - (epochNow() - this.now());
    const first = Math.max(0, Math.floor((atMs - report.p99Ms) / this.windowMs));
    for (let index = first; index <= Math.floor(atMs / this.windowMs); index++) {
      const delays = this.#window(index * this.windowMs).delays;
      delays.set(report.thread, Math.max(delays.get(report.thread) ?? 0, report.p99Ms));
    }
  }

  #window(atMs: number): WindowHealth {
    const index = Math.max(0, Math.floor(atMs / this.windowMs));
    let w = this.#windows.get(index);
    if (!w)
      this.#windows.set(index, (w = { delays: new Map(), cpuUs: 0, lag: undefined, generatorShortfall: 0 }));
    return w;
  }
}
