import { describeState } from './container-state.ts';
import type { ContainerDetails, ContainerPort, DockerPort } from './docker-port.ts';
import type { Evidence, FaultContext, RevertResult } from '../fault-provider.ts';
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

/**
 * A MemberFault's check on one container: inspects it and asks `drift` what changed since the
 * inject; a container the engine no longer knows is reported as removed. Rejects when the engine
 * does not answer (the watch then says it cannot check).
 */
export function containerCheck(
  container: ContainerPort,
  who: string,
  drift: (info: ContainerDetails) => string | undefined,
): () => Promise<string | undefined> {
  return async () => {
    try {
      return drift(await container.inspect());
    } catch (error) {
      if (isNotFound(error)) return `container ${who} was removed (not by faultline)`;
      throw error;
    }
  };
}

/**
 * What a container's revert does when the container is gone: `cleanup` (the fault's own helpers:
 * undo record, stressor), then the removal evidence. Otherwise the fault's own `revert`.
 */
export async function revertUnlessRemoved(
  container: ContainerPort,
  who: string,
  ctx: FaultContext,
  cleanup: () => Promise<unknown>,
  revert: () => Promise<RevertResult>,
): Promise<RevertResult> {
  const removed = await removedEvidence(container, who, ctx);
  if (!removed) return revert();
  await cleanup();
  return { evidence: [removed] };
}

/**
 * The check of a fault carried by a stressor container: the target removed, or the stressor no
 * longer running (ended on its own, removed, OOM-killed later) means the load is gone.
 */
export function stressorCheck(
  docker: DockerPort,
  stressor: { readonly id: string },
  target: ContainerPort,
  who: string,
): () => Promise<string | undefined> {
  const helper = containerCheck(
    docker.container(stressor.id),
    `stressor ${stressor.id.slice(0, 12)}`,
    (info) => (info.State.Running ? undefined : `the stressor in ${who} ended (${describeState(info)})`),
  );
  const onTarget = containerCheck(target, who, () => undefined);
  return async () => (await onTarget()) ?? (await helper());
}
