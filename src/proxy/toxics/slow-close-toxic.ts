import { later } from './timer.ts';
import { nonNegative, type ToxicType } from './toxic-type.ts';

/**
 * `slow_close` {delay ms}: data passes unchanged; the end of the stream (and so the close) is
 * held back `delay` ms. Negative delays count as 0. A restart or removal while the close is held
 * hands the end on (the next stage, or the restarted one, decides again).
 */
export const slowCloseToxic: ToxicType = {
  type: 'slow_close',
  attributes: ['delay'],
  createStage(attributes, out) {
    const delay = nonNegative(attributes, 'delay');
    let cancel: (() => void) | undefined;
    const close = () => {
      cancel = undefined;
      out.end();
    };
    return {
      push: (chunk) => out.push(chunk),
      end() {
        cancel = later(delay, close, () => out.reset());
      },
      detach() {
        const ended = cancel !== undefined;
        cancel?.();
        cancel = undefined;
        return { chunks: [], ended };
      },
      queuedBytes: () => 0,
    };
  },
};
