import type { ToxicRecord } from './toxic-record.ts';
import { passThrough } from './toxics/noop-toxic.ts';
import type { Chunk, Held, Stage, StageOutput } from './toxics/toxic-type.ts';

/** Anything chunks can be pushed into: the next slot of a link, or the link's sink. */
export interface Receiver {
  push(chunk: Chunk): void;
  end(): void;
}

/** What a slot asks of its link. */
export interface SlotHost {
  /** Close the whole connection once this link's sink has flushed. */
  closeAfterFlush(): void;
  /** Abort the connection with a TCP RST now. */
  reset(): void;
}

/**
 * One toxic on one link: runs the toxic's stage, or a pass-through when the toxicity draw (one
 * per start: link start, toxic added or updated, neighbour removed) misses. Restarting swaps the
 * stage without losing or reordering a byte: the old stage's held chunks replay into the new one.
 */
export class ToxicSlot implements Receiver {
  private stage!: Stage;
  private kill: () => void = () => undefined;
  private inputEnded = false;
  private readonly state: Record<string, number> = {};

  constructor(
    public toxic: ToxicRecord,
    public next: Receiver,
    private readonly host: SlotHost,
  ) {
    this.start();
  }

  push(chunk: Chunk): void {
    if (!this.inputEnded) this.stage.push(chunk);
  }

  end(): void {
    if (this.inputEnded) return;
    this.inputEnded = true;
    this.stage.end();
  }

  queuedBytes(): number {
    return this.stage.queuedBytes();
  }

  /** Restarts with `toxic` (new attributes or toxicity; a new draw), keeping what was held. */
  restart(toxic: ToxicRecord): void {
    const held = this.stop();
    this.toxic = toxic;
    this.start();
    for (const chunk of held.chunks) this.stage.push(chunk);
    if (held.ended) this.stage.end();
  }

  /** The toxic is deleted: lets it act on removal, stops it and returns what it held. */
  remove(): Held {
    this.stage.removed?.();
    return this.stop();
  }

  /** Stops every timer; nothing more comes out. */
  dispose(): void {
    this.stop();
  }

  private start(): void {
    let live = true;
    const out: StageOutput = {
      push: (chunk) => live && this.next.push(chunk),
      end: () => live && this.next.end(),
      close: () => {
        if (!live) return;
        this.inputEnded = true;
        this.host.closeAfterFlush();
        this.next.end();
      },
      reset: () => live && this.host.reset(),
    };
    this.kill = () => {
      live = false;
    };
    const hit = Math.random() < this.toxic.toxicity;
    this.stage = hit ? this.toxic.type.createStage(this.toxic.attributes, out, this.state) : passThrough(out);
  }

  private stop(): Held {
    const held = this.stage.detach();
    this.kill();
    return held;
  }
}
