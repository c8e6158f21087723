import { nonNegative, type ToxicType } from './toxic-type.ts';

/**
 * `limit_data` {bytes}: forwards until `bytes` bytes have passed on this link (cutting the chunk
 * that crosses the limit), then closes the connection. The count survives updates. Like
 * Toxiproxy it acts on arriving data: with `bytes` 0 (or negative) the first chunk closes.
 */
export const limitDataToxic: ToxicType = {
  type: 'limit_data',
  attributes: ['bytes'],
  createStage(attributes, out, state) {
    const limit = nonNegative(attributes, 'bytes');
    let closed = false;
    return {
      push(chunk) {
        if (closed) return;
        const passed = state.passed ?? 0;
        const room = Math.max(0, limit - passed);
        const data = room < chunk.data.length ? chunk.data.subarray(0, room) : chunk.data;
        if (data.length > 0) out.push(data === chunk.data ? chunk : { data, t: chunk.t });
        state.passed = passed + data.length;
        if (state.passed >= limit) {
          closed = true;
          out.close();
        }
      },
      end: () => out.end(),
      detach: () => ({ chunks: [], ended: false }),
      queuedBytes: () => 0,
    };
  },
};
