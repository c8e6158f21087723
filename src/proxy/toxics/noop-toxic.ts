import type { Stage, StageOutput, ToxicType } from './toxic-type.ts';

/** A stage that passes everything on unchanged; also what a toxic runs as when toxicity misses. */
export function passThrough(out: StageOutput): Stage {
  return {
    push: (chunk) => out.push(chunk),
    end: () => out.end(),
    detach: () => ({ chunks: [], ended: false }),
    queuedBytes: () => 0,
  };
}

/** `noop` (no attributes): passes data unchanged. */
export const noopToxic: ToxicType = {
  type: 'noop',
  attributes: [],
  createStage: (_attributes, out) => passThrough(out),
};
