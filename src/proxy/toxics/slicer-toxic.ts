import { TimedQueue } from './timed-queue.ts';
import { nonNegative, type ToxicType } from './toxic-type.ts';

/**
 * Sizes of the pieces a slicer cuts `length` bytes into: a range is split in two (at its middle
 * shifted by a random offset in [−variation, variation)) until it is no more than
 * `average + variation` bytes. Safe for any input: `average` below 1 counts as 1, a negative
 * variation as 0, and the cut always leaves both halves non-empty, so a variation larger than
 * the average (which crashes Toxiproxy 2.12) just gives more uneven pieces. Iterative: no deep
 * recursion. The sizes always add up to `length`.
 */
export function slicePieces(
  length: number,
  average: number,
  variation: number,
  random = Math.random,
): number[] {
  const avg = Math.max(1, Math.floor(Number.isFinite(average) ? average : 1));
  const vary = Math.max(0, Math.floor(Number.isFinite(variation) ? variation : 0));
  const pieces: number[] = [];
  const stack: number[] = [length];
  for (let size = stack.pop(); size !== undefined; size = stack.pop()) {
    if (size - avg <= vary || size < 2) {
      if (size > 0) pieces.push(size);
      continue;
    }
    const shift = vary > 0 ? Math.floor(random() * 2 * vary) - vary : 0;
    const left = Math.min(size - 1, Math.max(1, Math.floor(size / 2) + shift));
    stack.push(size - left, left);
  }
  return pieces;
}

/**
 * `slicer` {average_size B, size_variation B, delay µs}: cuts each chunk into pieces (see
 * `slicePieces`) and sends them `delay` µs apart, in order. Sub-millisecond delays are kept on
 * average: pieces are scheduled on a running clock and timers release every piece already due.
 */
export const slicerToxic: ToxicType = {
  type: 'slicer',
  attributes: ['average_size', 'size_variation', 'delay'],
  createStage(attributes, out) {
    const average = attributes.average_size ?? 0;
    const variation = attributes.size_variation ?? 0;
    const delayMs = nonNegative(attributes, 'delay') / 1000;
    const queue = new TimedQueue(out);
    let clock = 0;
    return {
      push(chunk) {
        let offset = 0;
        for (const size of slicePieces(chunk.data.length, average, variation)) {
          const data = chunk.data.subarray(offset, offset + size);
          offset += size;
          if (delayMs === 0) {
            queue.add({ data, t: chunk.t }, -Infinity);
            continue;
          }
          clock = Math.max(clock, performance.now());
          queue.add({ data, t: chunk.t }, clock);
          clock += delayMs;
        }
      },
      end: () => queue.end(),
      detach: () => queue.detach(),
      queuedBytes: () => queue.queuedBytes(),
    };
  },
};
