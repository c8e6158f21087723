import type { DockerPort } from './docker-port.ts';
import { restoreRunState } from './container-state.ts';
import { reconnectNetwork, type SavedEndpoint } from './network-endpoint.ts';

/**
 * What puts a container back after a fault: kept in the fault's handle and, as JSON, on an undo
 * record in the engine, so `sweep` can finish the job after a crash.
 */
export type UndoAction =
  | { readonly kind: 'run-state'; readonly running: boolean; readonly paused: boolean }
  | { readonly kind: 'signal'; readonly signal: string }
  | { readonly kind: 'update'; readonly update: Readonly<Record<string, number>> }
  | { readonly kind: 'network'; readonly network: string; readonly endpoint: SavedEndpoint };

/**
 * Applies an undo action to a container and says what it did. Throws when the engine refuses
 * (the container is gone, the update is rejected, the network no longer exists).
 */
export async function applyUndo(
  docker: DockerPort,
  containerId: string,
  action: UndoAction,
): Promise<string> {
  const container = docker.container(containerId);
  switch (action.kind) {
    case 'run-state':
      return restoreRunState(container, action);
    case 'signal':
      await container.kill(action.signal);
      return `sent ${action.signal}`;
    case 'update':
      await container.update({ ...action.update });
      return `updated ${Object.entries(action.update)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`;
    case 'network':
      return reconnectNetwork(docker, containerId, action.network, action.endpoint);
  }
}

/** Parses an undo record's label back into an action; undefined when it is not one. */
export function parseUndo(text: string | undefined): UndoAction | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as { kind?: unknown };
    return ['run-state', 'signal', 'update', 'network'].includes(String(value.kind))
      ? (value as UndoAction)
      : undefined;
  } catch {
    return undefined;
  }
}
