import type { ContainerPort } from './docker-port.ts';
import type { Evidence, FaultContext } from '../fault-provider.ts';
import { isNotFound, observed } from './docker-evidence.ts';

/**
 * Evidence that a container is gone (removed by someone else mid-run), or undefined while the
 * engine still knows it. A fault on a removed container has nothing left to revert: the revert
 * reports this instead of failing (which would read as a fault left in place, exit 4).
 */
export async function removedEvidence(
  container: ContainerPort,
  who: string,
  ctx: FaultContext,
): Promise<Evidence | undefined> {
  try {
    await container.inspect();
    return undefined;
  } catch (error) {
    if (!isNotFound(error)) return undefined;
    const message = `container ${who} was removed while the fault was in place (not by faultline); nothing left to revert`;
    ctx.note?.(message);
    return observed(ctx, 'container removed', true, message);
  }
}
