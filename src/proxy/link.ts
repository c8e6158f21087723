import type { Socket } from 'node:net';
import type { ToxicRecord } from './toxic-record.ts';
import type { ByteCounts } from './traffic-counters.ts';
import { ToxicSlot, type Receiver, type SlotHost } from './toxic-slot.ts';
import type { Chunk } from './toxics/toxic-type.ts';

/** Bytes held inside a link's toxics above which the link stops reading its source. */
export const LINK_HIGH_WATER = 32 * 1024 * 1024;

/** What a link reports to its connection. */
export interface LinkEvents {
  /** The sink has sent its end (FIN) and flushed; `close`: a toxic asked to close the connection. */
  done(close: boolean): void;
  /** A toxic asked for a TCP RST. */
  reset(): void;
}

/**
 * One direction of a connection: takes the chunks read from `source` (its connection feeds them to
 * `receive`, one call per socket read), runs them through the toxics of its
 * direction in the order they were added, and writes them to `dest`. Back-pressure like a pipe:
 * reading pauses while `dest` is full or the toxics hold more than LINK_HIGH_WATER bytes. With no
 * toxics a chunk goes straight from the read to the write. Toxics can be added, updated and
 * removed while data flows; nothing is lost or reordered. Bytes read and written are added to
 * `counts` once per chunk.
 */
export class Link implements SlotHost {
  private slots: ToxicSlot[] = [];
  private head: Receiver;
  private readonly sink: Receiver;
  private sinkEnded = false;
  private sinkBlocked = false;
  private chainFull = false;
  private paused = false;
  private closeRequested = false;
  private finished = false;
  private sourceDone = false;

  constructor(
    private readonly source: Socket,
    private readonly dest: Socket,
    toxics: readonly ToxicRecord[],
    private readonly events: LinkEvents,
    private readonly counts: ByteCounts,
  ) {
    this.sink = { push: (chunk) => this.write(chunk.data), end: () => this.endSink() };
    this.head = this.sink;
    for (const toxic of toxics) this.addToxic(toxic);
    source.once('end', () => this.sourceEnded());
    dest.on('drain', () => {
      this.sinkBlocked = false;
      this.updatePause();
    });
    dest.once('finish', () => this.finish());
  }

  /** Appends a toxic at the end of the chain; it acts on the next bytes that reach it. */
  addToxic(toxic: ToxicRecord): void {
    const slot = new ToxicSlot(toxic, this.sink, this);
    const last = this.slots[this.slots.length - 1];
    if (last) last.next = slot;
    else this.head = slot;
    this.slots.push(slot);
  }

  /** Restarts the toxic's stage with new attributes/toxicity; held data stays in order. */
  updateToxic(toxic: ToxicRecord): void {
    this.slots.find((s) => s.toxic.name === toxic.name)?.restart(toxic);
  }

  /** Removes a toxic; what it held moves on at once, ahead of anything behind it. */
  removeToxic(name: string): void {
    const index = this.slots.findIndex((s) => s.toxic.name === name);
    const slot = this.slots[index];
    if (!slot) return;
    const held = slot.remove();
    const previous = this.slots[index - 1];
    if (previous) previous.next = slot.next;
    else this.head = slot.next;
    this.slots.splice(index, 1);
    for (const chunk of held.chunks) slot.next.push(chunk);
    if (held.ended) slot.next.end();
    previous?.restart(previous.toxic); // Toxiproxy redraws the neighbour's toxicity
    this.checkChain();
  }

  /** The source is gone (end or error): the end travels down the chain. */
  sourceEnded(): void {
    if (this.sourceDone) return;
    this.sourceDone = true;
    this.head.end();
  }

  /** The destination socket is closed: nothing more can be delivered. */
  destGone(): void {
    this.sinkEnded = true;
    this.finish();
  }

  /** Stops every toxic's timers; the link is dead. */
  dispose(): void {
    this.sourceDone = true;
    for (const slot of this.slots) slot.dispose();
    this.slots = [];
    this.head = this.sink;
    this.sinkEnded = true;
  }

  closeAfterFlush(): void {
    this.closeRequested = true;
  }

  reset(): void {
    this.events.reset();
  }

  /** One chunk read from the source. With no toxics it is written at once, unwrapped. */
  readonly receive = (data: Buffer): void => {
    if (this.sourceDone) return;
    this.counts.received += data.length;
    if (this.head === this.sink) return this.write(data);
    const chunk: Chunk = { data, t: performance.now() };
    try {
      this.head.push(chunk);
    } catch {
      return this.events.reset(); // a toxic must never crash the process
    }
    if (!this.chainFull && this.queuedBytes() > LINK_HIGH_WATER) {
      this.chainFull = true;
      this.updatePause();
    }
  };

  private write(data: Buffer): void {
    if (this.sinkEnded || this.dest.destroyed) return;
    this.counts.sent += data.length;
    if (!this.dest.write(data)) {
      this.sinkBlocked = true;
      this.updatePause();
    }
    if (this.chainFull) this.checkChain();
  }

  private endSink(): void {
    if (this.sinkEnded) return;
    this.sinkEnded = true;
    if (this.dest.destroyed) this.finish();
    else this.dest.end();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.events.done(this.closeRequested);
  }

  /** Chain full above the high-water mark; not full again until below half of it. */
  private checkChain(): void {
    const full = this.queuedBytes() > (this.chainFull ? LINK_HIGH_WATER / 2 : LINK_HIGH_WATER);
    if (full === this.chainFull) return;
    this.chainFull = full;
    this.updatePause();
  }

  private queuedBytes(): number {
    let total = 0;
    for (const slot of this.slots) total += slot.queuedBytes();
    return total;
  }

  private updatePause(): void {
    const pause = this.sinkBlocked || this.chainFull;
    if (pause === this.paused || this.source.destroyed) return;
    this.paused = pause;
    if (pause) this.source.pause();
    else this.source.resume();
  }
}
