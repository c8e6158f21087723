import { createLogUpdate } from 'log-update';
import type { FaultRecord, JournalEvent } from '../journal/journal.ts';
import { progressLine, progressPanel, type ProgressState } from '../report/progress-view.ts';
import type { Output } from '../runtime/runtime.ts';
import type { PhaseName } from '../timeline/plan.ts';

/** `tty`: a panel redrawn in place; `lines`: log lines plus one line per window; `quiet`: nothing. */
export type ProgressMode = 'tty' | 'lines' | 'quiet';

/**
 * What a run shows on stderr while it goes. Fed the run's events and log lines; on a terminal it
 * redraws a panel in place (log-update) with log lines scrolling above it, elsewhere it prints
 * plain timestamped lines. Call `close()` when the run ends (stops the redraw timer).
 */
export class LiveProgress {
  readonly #out: Output;
  readonly #mode: ProgressMode;
  readonly #now: () => number;
  readonly #draw: ReturnType<typeof createLogUpdate> | undefined;
  readonly #timer: NodeJS.Timeout | undefined;
  #experiment = '';
  #totalMs = 0;
  #loadStart: number | undefined;
  #phase: PhaseName | null = null;
  #faults = new Map<string, FaultRecord>();
  #last: ProgressState['last'];

  constructor(out: Output, mode: ProgressMode, now: () => number) {
    this.#out = out;
    this.#mode = mode;
    this.#now = now;
    if (mode === 'tty') {
      const stream = {
        write: (text: string) => out.write(text),
        get columns() {
          return out.columns || 80; // a pseudo-terminal without a size reports 0
        },
        get rows() {
          return out.rows || 24;
        },
      };
      this.#draw = createLogUpdate(stream as unknown as NodeJS.WriteStream, { showCursor: true });
      this.#timer = setInterval(() => this.#redraw(), 250);
      this.#timer.unref();
    }
  }

  /** A journal event of the run. */
  readonly event = (e: JournalEvent): void => {
    if (e.kind === 'start') {
      this.#experiment = e.journal.experiment.name;
      this.#totalMs = e.journal.plan.durationMs;
    } else if (e.kind === 'phase') {
      this.#loadStart ??= this.#now() - e.atMs;
      this.#phase = e.phase;
    } else if (e.kind === 'fault') this.#faults.set(e.fault.name, e.fault);
    else if (e.kind === 'window') {
      this.#last = e.window;
      if (this.#mode === 'lines') this.#line(progressLine(e.window));
    }
    this.#redraw();
  };

  /** A human log line (inject, revert, notes). */
  readonly log = (line: string): void => {
    if (this.#mode === 'quiet') return;
    if (this.#draw) this.#draw.clear();
    this.#line(line);
    this.#redraw();
  };

  /** Stops redrawing; the last panel stays on screen. */
  close(): void {
    clearInterval(this.#timer);
    this.#redraw();
    this.#draw?.done();
  }

  #line(text: string): void {
    this.#out.write(`[${new Date(this.#now()).toISOString().slice(11, 23)}] ${text}\n`);
  }

  #redraw(): void {
    if (!this.#draw || this.#experiment === '') return;
    this.#draw(
      progressPanel({
        experiment: this.#experiment,
        phase: this.#phase,
        elapsedMs: this.#loadStart === undefined ? 0 : this.#now() - this.#loadStart,
        totalMs: this.#totalMs,
        faults: [...this.#faults.values()],
        last: this.#last,
      }),
    );
  }
}
