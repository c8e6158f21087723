import type { DockerPort } from './docker-port.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import type { FaultSpec } from '../../experiment/model.ts';
import type { FaultContext } from '../fault-provider.ts';
import { describeContainer, observed } from './docker-evidence.ts';
import type { MemberFault } from './member-faults.ts';
import { saveEndpoint } from './network-endpoint.ts';
import { applyUndo, type UndoAction } from './undo-action.ts';
import { containerCheck, revertUnlessRemoved } from './removed-container.ts';
import { recordUndo, rollBack } from './undo-record.ts';

type Disconnect = Extract<FaultSpec, { type: 'disconnect' }>;

/**
 * Partitions one container from a Docker network (by name or id) and confirms it is gone from the
 * container's networks. The revert connects it again with its aliases, links and fixed addresses
 * and confirms it is back. Throws RunFailedError when the container is not on that network.
 */
export async function injectDisconnect(
  docker: DockerPort,
  fault: Disconnect,
  id: string,
  ctx: FaultContext,
): Promise<MemberFault> {
  const container = docker.container(id);
  const before = await container.inspect();
  const who = describeContainer(before);
  const networks = before.NetworkSettings.Networks;
  const entry = Object.entries(networks).find(
    ([name, ep]) =>
      name === fault.network ||
      ep.NetworkID === fault.network ||
      (fault.network.length >= 12 && ep.NetworkID.startsWith(fault.network)),
  );
  if (!entry) {
    throw new RunFailedError(
      'E_NOT_ON_NETWORK',
      `${fault.name}: ${who} is not connected to network ${fault.network}; it is on: ${Object.keys(networks).join(', ') || 'none'}`,
    );
  }
  const [name, endpoint] = entry;
  if (name === 'host' || name === 'none')
    throw new RunFailedError(
      'E_NOT_ON_NETWORK',
      `${fault.name}: ${who} uses the ${name} network, which cannot be disconnected`,
    );
  const undo: UndoAction = {
    kind: 'network',
    network: endpoint.NetworkID,
    endpoint: saveEndpoint(before.Id, endpoint),
  };
  const record = await recordUndo(docker, ctx.runId, before, fault.name, undo);
  try {
    await docker.network(endpoint.NetworkID).disconnect(id);
  } catch (error) {
    await record.remove();
    throw error;
  }
  const after = await container.inspect().catch(async (error: unknown) => {
    await rollBack(docker, id, undo, record);
    throw error;
  });
  const gone = !Object.values(after.NetworkSettings.Networks).some(
    (ep) => ep.NetworkID === endpoint.NetworkID,
  );
  const evidence = observed(
    ctx,
    'inspect.NetworkSettings.Networks',
    gone,
    `${who}: ${gone ? 'no longer on' : 'still on'} ${name} (had ${endpoint.IPAddress || 'no IPv4'}); networks now: ${Object.keys(after.NetworkSettings.Networks).join(', ') || 'none'}`,
  );
  const revert = () => revertUnlessRemoved(container, who, ctx, () => record.remove(), reconnect);
  const reconnect = async () => {
    const did = await applyUndo(docker, id, undo);
    const back = Object.values((await container.inspect()).NetworkSettings.Networks).find(
      (ep) => ep.NetworkID === endpoint.NetworkID,
    );
    await record.remove();
    const detail = back
      ? `${did}; on ${name} again at ${back.IPAddress || 'no IPv4'} (was ${endpoint.IPAddress || 'no IPv4'})`
      : `${did}; but not on ${name}`;
    return {
      evidence: [observed(ctx, 'inspect.NetworkSettings.Networks', back !== undefined, `${who}: ${detail}`)],
    };
  };
  const check = containerCheck(container, who, (info) =>
    Object.values(info.NetworkSettings.Networks).some((ep) => ep.NetworkID === endpoint.NetworkID)
      ? `${who} is on network ${name} again`
      : undefined,
  );
  return { evidence: [evidence], revert, check };
}
