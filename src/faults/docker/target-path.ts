import type { ContainerPort, PathStat } from './docker-port.ts';

export type { PathStat } from './docker-port.ts';

/**
 * Stats a path inside a container (its filesystem and volumes, running or not) through the
 * archive API, without exec. Undefined when the path does not exist; other errors propagate.
 */
export function statInTarget(container: ContainerPort, path: string): Promise<PathStat | undefined> {
  return container.statPath(path);
}

/** The same path seen from a helper that shares the target's PID namespace. */
export function viaTargetRoot(path: string): string {
  return `/proc/1/root${path}`;
}
