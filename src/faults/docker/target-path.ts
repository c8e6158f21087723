import type Dockerode from 'dockerode';
import { isNotFound } from './docker-evidence.ts';

/** What the engine's archive API says about a path inside a container. */
export interface PathStat {
  readonly size: number;
  readonly isDirectory: boolean;
}

const GO_MODE_DIR = 2 ** 31;

/**
 * Stats a path inside a container (its filesystem and volumes, running or not) through the
 * archive API, without exec. Undefined when the path does not exist; other errors propagate.
 */
export async function statInTarget(
  container: Dockerode.Container,
  path: string,
): Promise<PathStat | undefined> {
  try {
    const response = (await container.infoArchive({ path })) as {
      headers?: Record<string, string | undefined>;
      destroy?: () => void;
    };
    response.destroy?.();
    const header = response.headers?.['x-docker-container-path-stat'];
    const stat = JSON.parse(Buffer.from(header ?? 'e30=', 'base64').toString('utf8')) as {
      size?: number;
      mode?: number;
    };
    return { size: stat.size ?? 0, isDirectory: Math.floor((stat.mode ?? 0) / GO_MODE_DIR) % 2 === 1 };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The same path seen from a helper that shares the target's PID namespace. */
export function viaTargetRoot(path: string): string {
  return `/proc/1/root${path}`;
}
