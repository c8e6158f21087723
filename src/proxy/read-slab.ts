/** Smallest space offered to one read; below it a fresh slab is started. */
const MIN_READ = 16 * 1024;
/** First slab size, and the largest a slab grows to while reads keep filling it. */
const FIRST_SLAB = 64 * 1024;
const MAX_SLAB = 1024 * 1024;

/**
 * Read buffers for a socket's `onread` option, cut one after another from a slab: each read gets
 * the slab's unused tail and keeps exactly the bytes it received, so no memory is ever reused
 * while a chunk is queued in a write or a toxic, and no buffer is allocated per read. A read that
 * fills all the space it was given doubles the next slab (up to 1 MiB), so bulk transfers read
 * in large pieces while a connection of small requests keeps a 64 KiB slab.
 */
export class ReadSlab {
  private size = FIRST_SLAB;
  private slab = Buffer.allocUnsafeSlow(FIRST_SLAB);
  private used = 0;

  /** The space for the next read (pass as `onread.buffer`). */
  readonly next = (): Buffer => {
    if (this.slab.length - this.used < MIN_READ) {
      this.slab = Buffer.allocUnsafeSlow(this.size);
      this.used = 0;
    }
    return this.slab.subarray(this.used);
  };

  /** Claims the `bytes` a read put at the start of `space`; returns them as their own view. */
  take(bytes: number, space: Buffer): Buffer {
    if (bytes === space.length && this.size < MAX_SLAB) this.size *= 2;
    this.used += bytes;
    return space.subarray(0, bytes);
  }
}
