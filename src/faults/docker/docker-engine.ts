import type { DockerPort, EngineInfo } from './docker-port.ts';
import { DEFAULT_ENGINE } from './engine-connection.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { messageOf } from './docker-evidence.ts';

/** What the provider needs to know about an engine. */
export interface EngineFacts {
  readonly cgroupDriver: string;
  readonly cgroupVersion: string;
  /** The engine's own answer to `info`, for the stressor image's platform. */
  readonly info: EngineInfo;
}

const PING_TIMEOUT_MS = 5000;

/**
 * Checks the engine answers (bounded: 5 s) and reads its cgroup driver and version. Throws
 * RunFailedError E_DOCKER_UNAVAILABLE naming the engine (`name`, as `engines:` calls it, or
 * `default`) and its address, with a hint on starting dockerd, when it does not.
 */
export async function checkEngine(docker: DockerPort, name: string): Promise<EngineFacts> {
  const where = docker.endpoint;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)),
          PING_TIMEOUT_MS,
        )),
    );
    await Promise.race([docker.ping(), timeout]);
    const info = await Promise.race([docker.info(), timeout]);
    return { cgroupDriver: info.CgroupDriver ?? 'cgroupfs', cgroupVersion: info.CgroupVersion ?? '1', info };
  } catch (error) {
    throw new RunFailedError(
      'E_DOCKER_UNAVAILABLE',
      `${name === DEFAULT_ENGINE ? 'the Docker engine' : `the Docker engine ${name}`} does not answer at ${where}: ${messageOf(error)}`,
      {
        hint:
          name === DEFAULT_ENGINE
            ? 'start it (as root: `dockerd >/tmp/dockerd.log 2>&1 &`, or `systemctl start docker`), or point DOCKER_HOST at a running engine; `docker info` must work'
            : `start it, or fix its entry under engines:; \`docker -H ${where} info\` must work`,
        cause: error,
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Throws RunFailedError unless stressors can be placed inside a container's cgroup: that needs
 * the cgroupfs driver (with systemd the engine cannot nest a container under another's scope).
 */
export function assertStressorPlacement(facts: EngineFacts): void {
  if (facts.cgroupDriver !== 'cgroupfs') {
    throw new RunFailedError(
      'E_CGROUP_DRIVER',
      `the engine uses the ${facts.cgroupDriver} cgroup driver; faultline places stressors inside the target's cgroup, which needs the cgroupfs driver`,
      {
        hint: 'run dockerd with --exec-opt native.cgroupdriver=cgroupfs, or use cpu-limit/memory-limit instead',
      },
    );
  }
}
