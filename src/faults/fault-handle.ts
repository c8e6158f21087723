import type { Evidence, FaultHandle, RevertResult } from './fault-provider.ts';
import { once } from './once.ts';

/**
 * Builds a FaultHandle from its evidence and an undo action; the undo runs at most once. `check`,
 * when given, says whether the fault still holds (see FaultHandle.check).
 */
export function faultHandle(
  evidence: readonly Evidence[],
  undo: () => Promise<RevertResult>,
  check?: () => Promise<string | undefined>,
): FaultHandle {
  const revert = once(undo);
  return {
    evidence,
    revert,
    ...(check ? { check } : {}),
    [Symbol.asyncDispose]: async () => {
      await revert();
    },
  };
}
