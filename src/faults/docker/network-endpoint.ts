import type { ContainerDetails, DockerPort } from './docker-port.ts';

/** What a container's endpoint on a network had that a reconnect gives back. */
export interface SavedEndpoint {
  /** Network-scoped aliases, minus the short-id alias the engine adds by itself. */
  readonly aliases: readonly string[];
  readonly links: readonly string[];
  /** Addresses the user fixed (IPAMConfig); engine-assigned addresses are not pinned. */
  readonly ipamConfig: Readonly<Record<string, string>> | undefined;
  /** The address it had, for evidence. */
  readonly ipAddress: string;
}

type Endpoint = ContainerDetails['NetworkSettings']['Networks'][string];

/** Saves what an endpoint was configured with. */
export function saveEndpoint(containerId: string, endpoint: Endpoint): SavedEndpoint {
  const ipam = (endpoint.IPAMConfig ?? {}) as Record<string, string>;
  const fixed = Object.fromEntries(Object.entries(ipam).filter(([, v]) => typeof v === 'string' && v !== ''));
  return {
    aliases: ((endpoint.Aliases ?? []) as string[]).filter((a) => a !== containerId.slice(0, 12)),
    links: (endpoint.Links ?? []) as string[],
    ipamConfig: Object.keys(fixed).length > 0 ? fixed : undefined,
    ipAddress: endpoint.IPAddress,
  };
}

/**
 * Connects a container to a network again with its saved aliases, links and fixed addresses
 * (an address the engine had assigned is assigned afresh, as on a restart). Returns what was
 * done; throws when the engine refuses (network gone, address taken).
 */
export async function reconnectNetwork(
  docker: DockerPort,
  containerId: string,
  networkId: string,
  saved: SavedEndpoint,
): Promise<string> {
  await docker.network(networkId).connect(containerId, {
    ...(saved.aliases.length > 0 ? { Aliases: [...saved.aliases] } : {}),
    ...(saved.links.length > 0 ? { Links: [...saved.links] } : {}),
    ...(saved.ipamConfig ? { IPAMConfig: { ...saved.ipamConfig } } : {}),
  });
  return `reconnected to ${networkId.slice(0, 12)}${saved.aliases.length > 0 ? ` with aliases ${saved.aliases.join(', ')}` : ''}`;
}
