import { later } from './timer.ts';
import type { Chunk, Held, StageOutput } from './toxic-type.ts';

/** Items due within this many ms of a timer firing go out with it (timers fire on whole ms). */
const SLACK_MS = 0.5;

/**
 * A FIFO of chunks, each released to `out` at its due time (`performance.now()` ms; Infinity =
 * held until detached). Order is kept even if a later chunk is due earlier. One timer at a time,
 * for the head; a chunk already due on an empty queue passes straight through. An `end` waits
 * behind the queued chunks. With `stamp`, a released chunk's time becomes its due time (so
 * delays add up along the chain); detached chunks keep their time.
 */
export class TimedQueue {
  private items: { chunk: Chunk; due: number }[] = [];
  private head = 0;
  private bytes = 0;
  private endPending = false;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly out: StageOutput,
    private readonly stamp = false,
  ) {}

  /** Queues `chunk` for release at `due`. */
  add(chunk: Chunk, due: number): void {
    if (this.head === this.items.length && due <= performance.now()) {
      if (this.stamp) chunk.t = due;
      return this.out.push(chunk);
    }
    this.items.push({ chunk, due });
    this.bytes += chunk.data.length;
    if (this.head === this.items.length - 1) this.arm();
  }

  /** Ends the stream after the queued chunks. */
  end(): void {
    if (this.head === this.items.length) this.out.end();
    else this.endPending = true;
  }

  /** Due time of the last queued chunk, or undefined when empty. */
  lastDue(): number | undefined {
    return this.items[this.items.length - 1]?.due;
  }

  queuedBytes(): number {
    return this.bytes;
  }

  /** Stops the timer; returns the queued chunks and a pending end; leaves the queue empty. */
  detach(): Held {
    this.cancel?.();
    this.cancel = undefined;
    const held = { chunks: this.items.slice(this.head).map((i) => i.chunk), ended: this.endPending };
    this.items = [];
    this.head = 0;
    this.bytes = 0;
    this.endPending = false;
    return held;
  }

  private arm(): void {
    const first = this.items[this.head];
    if (!first || first.due === Infinity) return;
    this.cancel = later(
      first.due - performance.now(),
      () => this.release(),
      () => this.out.reset(),
    );
  }

  private release(): void {
    this.cancel = undefined;
    const now = performance.now() + SLACK_MS;
    for (let item = this.items[this.head]; item && item.due <= now; item = this.items[this.head]) {
      this.head++;
      this.bytes -= item.chunk.data.length;
      if (this.stamp) item.chunk.t = item.due;
      this.out.push(item.chunk);
    }
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
      if (this.endPending) {
        this.endPending = false;
        this.out.end();
      }
    } else {
      if (this.head > 1024) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      this.arm();
    }
  }
}
