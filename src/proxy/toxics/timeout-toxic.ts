import { later } from './timer.ts';
import { nonNegative, type ToxicType } from './toxic-type.ts';

/**
 * `timeout` {timeout ms}: drops all data on its stream and closes the connection once `timeout`
 * ms pass with no data arriving on this stream (the timer restarts with each chunk and when the
 * stage starts). 0 (or negative) never closes: data is simply swallowed. The end of the input
 * stream is passed on. Removing the toxic closes the connections on which it was acting (those
 * where its toxicity draw hit); connections where it passed data through are left alone.
 */
export const timeoutToxic: ToxicType = {
  type: 'timeout',
  attributes: ['timeout'],
  createStage(attributes, out) {
    const timeout = nonNegative(attributes, 'timeout');
    let cancel: (() => void) | undefined;
    const arm = () => {
      cancel?.();
      if (timeout > 0)
        cancel = later(
          timeout,
          () => out.close(),
          () => out.reset(),
        );
    };
    const stop = () => {
      cancel?.();
      cancel = undefined;
    };
    arm();
    return {
      push: () => arm(),
      end() {
        stop();
        out.end();
      },
      detach() {
        stop();
        return { chunks: [], ended: false };
      },
      queuedBytes: () => 0,
      removed() {
        stop();
        out.close();
      },
    };
  },
};
