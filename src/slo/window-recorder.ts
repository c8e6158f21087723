import type { ObjectiveSpec } from '../experiment/model.ts';
import type { PhaseName } from '../timeline/plan.ts';
import type { SampleSink } from './sample-sink.ts';
import { withSaturation } from './saturation-results.ts';
import { Tally } from './tally.ts';
import { isSuspectWindow } from './suspect-window.ts';
import type { RunnerHealth, TargetSaturation, WindowSummary } from './window-summary.ts';

/** Tells the recorder which phase a window belongs to and which faults touched it. */
export type WindowClassifier = (
  startMs: number,
  endMs: number,
) => { phase: PhaseName; activeFaults: readonly string[] };

export interface WindowRecorderOptions {
  readonly windowMs: number;
  readonly objectives: readonly ObjectiveSpec[];
  readonly classify: WindowClassifier;
  /** Open model: a window is "under load" only when requests were intended in it. Closed: always. */
  readonly openModel: boolean;
  readonly onWindow?: (summary: WindowSummary) => void;
  /** The load's timeout in ms: an unanswered request counts as this slow when judging runner lag. */
  readonly timeoutMs?: number;
  /**
   * The runner's own health over [startMs, endMs) (ms since load start), asked once as each
   * window closes; null when it was not measured. Without it no window is ever suspect.
   */
  readonly health?: (startMs: number, endMs: number) => RunnerHealth | null;
  /**
   * Saturation of each target member over [startMs, endMs) (ms since load start), asked once as
   * each window closes. Without it saturation objectives have no reading and are missed.
   */
  readonly saturation?: (startMs: number, endMs: number) => readonly TargetSaturation[];
}

/**
 * Turns the stream of samples into consecutive fixed windows aligned to load start, keeping one
 * live Tally for the current window and one per phase. Memory does not grow with the request
 * rate: a closed window becomes a fixed-size summary. Samples must come in time order.
 */
export class WindowRecorder implements SampleSink {
  readonly #options: WindowRecorderOptions;
  readonly #current: Tally;
  readonly #phases = new Map<PhaseName, Tally>();
  readonly #run: Tally;
  #index = 0;
  readonly windows: WindowSummary[] = [];

  constructor(options: WindowRecorderOptions) {
    this.#options = options;
    this.#current = new Tally(options.objectives);
    this.#run = new Tally(options.objectives);
  }

  intended(atMs: number, count: number): void {
    this.#at(atMs).intended += count;
  }
  response(atMs: number, latencyUs: number, status: number): void {
    this.#at(atMs).response(latencyUs, status);
  }
  timeout(atMs: number): void {
    this.#at(atMs).timeouts++;
  }
  error(atMs: number): void {
    this.#at(atMs).connectionErrors++;
  }
  shortfall(atMs: number, count: number): void {
    this.#at(atMs).shortfall += count;
  }

  /** Closes every window that ends at or before `nowMs`. */
  closeUntil(nowMs: number): void {
    while ((this.#index + 1) * this.#options.windowMs <= nowMs) this.#close(this.#options.windowMs);
  }

  /**
   * Closes the last window at the end of load (`endMs`), scored over its real length however
   * short: no stretch of the run goes unscored. Requests still in flight when load stopped had
   * neither an answer nor a timeout yet and are not counted; so a short last window with nothing
   * observed is judged silent only when it lasted at least the timeout.
   */
  finish(endMs: number): void {
    this.closeUntil(endMs);
    const start = this.#index * this.#options.windowMs;
    if (endMs > start) this.#close(endMs - start, true);
  }

  /** Aggregates per phase (warm-up excluded from `run`). */
  phaseTally(phase: PhaseName): Tally | undefined {
    return this.#phases.get(phase);
  }
  get runTally(): Tally {
    return this.#run;
  }

  #at(atMs: number): Tally {
    this.closeUntil(atMs);
    return this.#current;
  }

  #close(lengthMs: number, last = false): void {
    const startMs = this.#index * this.#options.windowMs;
    const endMs = startMs + lengthMs;
    const { phase, activeFaults } = this.#options.classify(startMs, endMs);
    const tally = this.#current;
    const settled = !last || lengthMs >= (this.#options.timeoutMs ?? 0);
    const loadActive = tally.valid > 0 || (settled && (!this.#options.openModel || tally.intended > 0));
    const saturation = this.#options.saturation?.(startMs, endMs) ?? [];
    const objectives = withSaturation(
      this.#options.objectives,
      tally.evaluate(lengthMs / 1000, loadActive),
      saturation,
    );
    const met = objectives.every((o) => o.met);
    const runner = this.#options.health?.(startMs, endMs) ?? null;
    const counts = {
      index: this.#index,
      startMs,
      endMs,
      phase,
      activeFaults,
      intended: tally.intended,
      completed: tally.completed,
      good: tally.good,
      httpErrors: tally.httpErrors,
      timeouts: tally.timeouts,
      connectionErrors: tally.connectionErrors,
      shortfall: tally.shortfall,
      valid: tally.valid,
      latency: tally.latency(),
    };
    const summary: WindowSummary = {
      ...counts,
      objectives,
      met,
      causes: [],
      runner,
      suspect: isSuspectWindow(
        { ...counts, objectives, runner },
        this.#options.objectives,
        this.#options.timeoutMs,
      ),
      saturation,
    };
    let phaseTally = this.#phases.get(phase);
    if (!phaseTally) this.#phases.set(phase, (phaseTally = new Tally(this.#options.objectives)));
    phaseTally.add(tally);
    if (phase !== 'warmup') this.#run.add(tally);
    tally.reset();
    this.#index++;
    this.windows.push(summary);
    this.#options.onWindow?.(summary);
  }
}
