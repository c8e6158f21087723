import type { ObjectiveSpec } from '../experiment/model.ts';
import type { PhaseName } from '../timeline/plan.ts';
import { BadCauses, causeOfError } from './bad-causes.ts';
import type { SampleSink, ShortfallKind } from './sample-sink.ts';
import { withSaturation } from './saturation-results.ts';
import { isSuspectWindow } from './suspect-window.ts';
import { Tally } from './tally.ts';
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
 * One producer of samples (a load worker). Its samples may arrive late and out of order with
 * other sources' samples; `advance(watermarkMs)` promises that every later sample of this source
 * is stamped at or after `watermarkMs`. A window closes only when every live source is past it.
 */
export interface WindowSource extends SampleSink {
  advance(watermarkMs: number): void;
  /** This source sends nothing more. */
  end(): void;
}

interface OpenWindow {
  readonly tally: Tally;
  readonly causes: BadCauses;
}

/**
 * Turns the stream of samples into consecutive fixed windows aligned to load start, keeping one
 * live Tally per window still open and one per phase. Memory does not grow with the request
 * rate: a closed window becomes a fixed-size summary. Each sample goes to the window of its own
 * time stamp; a window closes once `closeUntil` passes its end and every source's watermark has
 * (direct calls on the recorder itself act as one source whose watermark is each sample's time).
 * A sample stamped before the oldest open window (never, when sources keep their promise) is
 * counted in that window.
 */
export class WindowRecorder implements SampleSink {
  readonly #options: WindowRecorderOptions;
  readonly #open = new Map<number, OpenWindow>();
  readonly #spare: OpenWindow[] = [];
  readonly #phases = new Map<PhaseName, Tally>();
  readonly #run: Tally;
  readonly #sources = new Set<{ watermark: number }>();
  #index = 0;
  readonly windows: WindowSummary[] = [];

  constructor(options: WindowRecorderOptions) {
    this.#options = options;
    this.#run = new Tally(options.objectives);
  }

  intended(atMs: number, count: number): void {
    this.closeUntil(atMs);
    this.#place(atMs, 'intended', count);
  }
  response(atMs: number, latencyUs: number, status: number): void {
    this.closeUntil(atMs);
    this.#place(atMs, 'response', latencyUs, status);
  }
  timeout(atMs: number): void {
    this.closeUntil(atMs);
    this.#place(atMs, 'timeout');
  }
  error(atMs: number, reason: string): void {
    this.closeUntil(atMs);
    this.#place(atMs, 'error', 0, 0, reason);
  }
  shortfall(atMs: number, count: number, kind: ShortfallKind = 'outage'): void {
    this.closeUntil(atMs);
    this.#place(atMs, 'shortfall', count, 0, kind);
  }

  /** A new source of samples, whose watermark starts at 0 and holds windows open until it advances. */
  addSource(): WindowSource {
    const state = { watermark: 0 };
    this.#sources.add(state);
    const place = this.#place.bind(this);
    return {
      intended: (atMs, count) => place(atMs, 'intended', count),
      response: (atMs, latencyUs, status) => place(atMs, 'response', latencyUs, status),
      timeout: (atMs) => place(atMs, 'timeout'),
      error: (atMs, reason) => place(atMs, 'error', 0, 0, reason),
      shortfall: (atMs, count, kind = 'outage') => place(atMs, 'shortfall', count, 0, kind),
      advance: (watermarkMs) => (state.watermark = Math.max(state.watermark, watermarkMs)),
      end: () => void this.#sources.delete(state),
    };
  }

  /** Closes every window that ends at or before `nowMs` and before every live source's watermark. */
  closeUntil(nowMs: number): void {
    let limit = nowMs;
    for (const s of this.#sources) limit = Math.min(limit, s.watermark);
    while ((this.#index + 1) * this.#options.windowMs <= limit) this.#close(this.#options.windowMs);
  }

  /**
   * Closes the last window at the end of load (`endMs`; sources are done), scored over its real
   * length however short: no stretch of the run goes unscored. Requests still in flight when load
   * stopped had neither an answer nor a timeout yet and are not counted; so a short last window
   * with nothing observed is judged silent only when it lasted at least the timeout.
   */
  finish(endMs: number): void {
    this.#sources.clear();
    this.closeUntil(endMs);
    const start = this.#index * this.#options.windowMs;
    if (endMs > start) this.#close(endMs - start, true);
  }

  /** Every window ending at or before this time (ms) is closed. */
  get closedThroughMs(): number {
    return this.#index * this.#options.windowMs;
  }

  /** Aggregates per phase (warm-up excluded from `run`). */
  phaseTally(phase: PhaseName): Tally | undefined {
    return this.#phases.get(phase);
  }
  get runTally(): Tally {
    return this.#run;
  }

  #window(index: number): OpenWindow {
    let w = this.#open.get(index);
    if (!w) {
      w = this.#spare.pop() ?? { tally: new Tally(this.#options.objectives), causes: new BadCauses() };
      this.#open.set(index, w);
    }
    return w;
  }

  #place(
    atMs: number,
    kind: 'intended' | 'response' | 'timeout' | 'error' | 'shortfall',
    n = 0,
    status = 0,
    text = '',
  ): void {
    const w = this.#window(Math.max(this.#index, Math.floor(atMs / this.#options.windowMs)));
    const t = w.tally;
    if (kind === 'intended') t.intended += n;
    else if (kind === 'response') {
      t.response(n, status);
      if (status < 200 || status >= 400) w.causes.add(`http ${status}`, `HTTP ${status}`);
    } else if (kind === 'timeout') {
      t.timeouts++;
      w.causes.add('timeout', 'no answer within the timeout');
    } else if (kind === 'error') {
      t.connectionErrors++;
      w.causes.add(causeOfError(text), text);
    } else {
      t.shortfall += n;
      w.causes.add(
        `shortfall: ${text}`,
        text === 'generator'
          ? 'the runner could not send in time: no free connection, a connect pending, or the pacer late'
          : 'no connection to the target could be made in time (connects failing or not accepted)',
        n,
      );
    }
  }

  #close(lengthMs: number, last = false): void {
    const startMs = this.#index * this.#options.windowMs;
    const endMs = startMs + lengthMs;
    const { phase, activeFaults } = this.#options.classify(startMs, endMs);
    const w = this.#window(this.#index);
    const tally = w.tally;
    const settled = !last || lengthMs >= (this.#options.timeoutMs ?? 0);
    const loadActive = tally.valid > 0 || (settled && (!this.#options.openModel || tally.intended > 0));
    const saturation = this.#options.saturation?.(startMs, endMs) ?? [];
    const objectives = withSaturation(
      this.#options.objectives,
      tally.evaluate(lengthMs / 1000, loadActive),
      saturation,
    );
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
      met: objectives.every((o) => o.met),
      causes: w.causes.list(),
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
    w.causes.clear();
    this.#open.delete(this.#index);
    this.#spare.push(w);
    this.#index++;
    this.windows.push(summary);
    this.#options.onWindow?.(summary);
  }
}
