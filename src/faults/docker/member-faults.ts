import { RunFailedError } from '../../errors/faultline-error.ts';
import { faultHandle } from '../fault-handle.ts';
import type { Evidence, FaultHandle, ResolvedTarget, RevertResult } from '../fault-provider.ts';
import { messageOf } from './docker-evidence.ts';

/** A fault in place on one container of a target. */
export interface MemberFault {
  readonly evidence: readonly Evidence[];
  revert(): Promise<RevertResult>;
  /** Optional: what changed on this container since the inject (see FaultHandle.check). */
  check?(): Promise<string | undefined>;
}

/**
 * Injects a fault into every member of a target at once and returns one handle. When any member
 * fails, the members that took the fault are reverted before the first error is rethrown. The
 * handle's revert reverts every member (all are attempted), reports the slowest `healthyAfterMs`,
 * and throws a RunFailedError naming each member that could not be put back.
 */
export async function injectMembers(
  target: ResolvedTarget,
  inject: (id: string) => Promise<MemberFault>,
): Promise<FaultHandle> {
  const settled = await Promise.allSettled(target.members.map((m) => inject(m.id)));
  const done = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.allSettled(done.map((d) => d.revert()));
    throw failed.reason;
  }
  return faultHandle(
    done.flatMap((d) => d.evidence),
    async () => {
      const results = await Promise.allSettled(done.map((d) => d.revert()));
      const errors = results.flatMap((r, i) =>
        r.status === 'rejected' ? [`${target.members[i]?.label}: ${messageOf(r.reason)}`] : [],
      );
      if (errors.length > 0)
        throw new RunFailedError(
          'E_REVERT_FAILED',
          `could not revert on target ${target.name}: ${errors.join('; ')}`,
          { hint: 'run `faultline recover` (sweep) or fix the containers by hand' },
        );
      const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const healthy = ok.map((r) => r.healthyAfterMs).filter((ms): ms is number => ms !== undefined);
      return {
        evidence: ok.flatMap((r) => r.evidence),
        ...(healthy.length === ok.length && healthy.length > 0
          ? { healthyAfterMs: Math.max(...healthy) }
          : {}),
      };
    },
    checkMembers(done),
  );
}

/** The handle's check: every member that can be checked is looked at; what changed is joined. */
function checkMembers(done: readonly MemberFault[]): (() => Promise<string | undefined>) | undefined {
  const checks = done.flatMap((d) => (d.check ? [d.check.bind(d)] : []));
  if (checks.length === 0) return undefined;
  return async () => {
    const changed = (await Promise.all(checks.map((c) => c()))).filter((c) => c !== undefined);
    return changed.length > 0 ? changed.join('; ') : undefined;
  };
}
