/** A piece of one link's byte stream: `t` is its (virtual) arrival time, `performance.now()` ms. */
export interface Chunk {
  readonly data: Buffer;
  t: number;
}

/** What a stage hands back when it is stopped: the chunks it held, in order, and a held-back end. */
export interface Held {
  readonly chunks: readonly Chunk[];
  readonly ended: boolean;
}

/**
 * Where a stage sends its output. Never throws; after the stage is detached every call is a no-op.
 * `close` ends the stream at this point and closes the whole connection once the toxics after it
 * have flushed (timeout, limit_data); `reset` aborts the connection at once with a TCP RST.
 */
export interface StageOutput {
  push(chunk: Chunk): void;
  end(): void;
  close(): void;
  reset(): void;
}

/**
 * One toxic acting on one link. `push` and `end` arrive in stream order and never after `end`.
 * `detach` stops every timer and returns what the stage holds; the stage is not used afterwards.
 * `removed` runs when the toxic is deleted (not merely restarted), before `detach`.
 */
export interface Stage {
  push(chunk: Chunk): void;
  end(): void;
  detach(): Held;
  /** Bytes held right now (for back-pressure). */
  queuedBytes(): number;
  removed?(): void;
}

/** Integer attributes of a toxic, by wire name. */
export type Attributes = Readonly<Record<string, number>>;

/**
 * A toxic type: its wire name, its integer attributes (in the order the JSON lists them; all
 * present, 0 when never set), and a factory for the stage of one link. `state` belongs to the
 * (link, toxic) pair and survives restarts (updates, toxicity redraws), as limit_data needs.
 * Factories must accept any integer attribute (negative, zero, huge) and never throw.
 */
export interface ToxicType {
  readonly type: string;
  readonly attributes: readonly string[];
  createStage(attributes: Attributes, out: StageOutput, state: Record<string, number>): Stage;
}

/** An attribute as a finite number ≥ 0 (negative, missing or NaN → 0). */
export function nonNegative(attributes: Attributes, name: string): number {
  const value = attributes[name] ?? 0;
  return Number.isFinite(value) && value > 0 ? value : 0;
}
