import { later } from './timer.ts';
import { nonNegative, type ToxicType } from './toxic-type.ts';

/**
 * `reset_peer` {timeout ms}: on the first chunk (or end of stream) after it starts acting, drops
 * it and everything after, waits `timeout` ms (0 or negative: at once) and aborts the connection
 * with a TCP RST on both sockets (`socket.resetAndDestroy()`). Unlike Toxiproxy 2.12 the RST is
 * sent on every connection the toxic acts on, including those opened before it was added, and a
 * toxicity of 0 never resets (the real server sets SO_LINGER 0 whatever the toxicity). A pending
 * reset survives restarts (update, a neighbour's removal) unless the new toxicity draw misses;
 * removing the toxic cancels it.
 */
export const resetPeerToxic: ToxicType = {
  type: 'reset_peer',
  attributes: ['timeout'],
  createStage(attributes, out, state) {
    const timeout = nonNegative(attributes, 'timeout');
    let cancel: (() => void) | undefined;
    const arm = (resetAt: number) => {
      state.resetAt = resetAt;
      const wait = resetAt - performance.now();
      if (wait <= 0) out.reset();
      else
        cancel = later(
          wait,
          () => out.reset(),
          () => out.reset(),
        );
    };
    const trigger = () => {
      if (state.resetAt === undefined) arm(performance.now() + timeout);
    };
    if (state.resetAt !== undefined) arm(state.resetAt);
    return {
      push: trigger,
      end: trigger,
      detach() {
        cancel?.();
        return { chunks: [], ended: false };
      },
      queuedBytes: () => 0,
      removed() {
        delete state.resetAt;
      },
    };
  },
};
