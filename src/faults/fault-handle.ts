import type { Evidence, FaultHandle, RevertResult } from './fault-provider.ts';
import { once } from './once.ts';

/** Builds a FaultHandle from its evidence and an undo action; the undo runs at most once. */
export function faultHandle(evidence: readonly Evidence[], undo: () => Promise<RevertResult>): FaultHandle {
  const revert = once(undo);
  return {
    evidence,
    revert,
    [Symbol.asyncDispose]: async () => {
      await revert();
    },
  };
}
