import Dockerode from 'dockerode';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { messageOf } from './docker-evidence.ts';

/** What the provider needs to know about the engine. */
export interface EngineFacts {
  readonly cgroupDriver: string;
  readonly cgroupVersion: string;
}

const PING_TIMEOUT_MS = 5000;

/**
 * A client for the engine DOCKER_HOST names (default: the local socket). dockerode throws at
 * construction on a DOCKER_HOST it cannot read; that becomes a RunFailedError naming the variable.
 */
export function engineClient(): Dockerode {
  try {
    return new Dockerode();
  } catch (error) {
    throw new RunFailedError(
      'E_DOCKER_HOST',
      `DOCKER_HOST: cannot reach an engine through ${JSON.stringify(process.env.DOCKER_HOST ?? '')}: ${messageOf(error)}`,
      {
        hint: 'give unix:///var/run/docker.sock, tcp://host:port or ssh://user@host, or unset DOCKER_HOST for the local engine',
        cause: error,
      },
    );
  }
}

/**
 * Checks the engine answers (bounded: 5 s) and reads its cgroup driver and version. Throws
 * RunFailedError E_DOCKER_UNAVAILABLE, with a hint on starting dockerd, when it does not.
 */
export async function checkEngine(docker: Dockerode): Promise<EngineFacts> {
  const where = describeEndpoint(docker);
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
    const info = (await Promise.race([docker.info(), timeout])) as {
      CgroupDriver?: string;
      CgroupVersion?: string;
    };
    return { cgroupDriver: info.CgroupDriver ?? 'cgroupfs', cgroupVersion: info.CgroupVersion ?? '1' };
  } catch (error) {
    throw new RunFailedError(
      'E_DOCKER_UNAVAILABLE',
      `the Docker engine does not answer at ${where}: ${messageOf(error)}`,
      {
        hint: 'start it (as root: `dockerd >/tmp/dockerd.log 2>&1 &`, or `systemctl start docker`), or point DOCKER_HOST at a running engine; `docker info` must work',
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

function describeEndpoint(docker: Dockerode): string {
  const modem = docker.modem as { socketPath?: unknown; host?: unknown; port?: unknown };
  return typeof modem.socketPath === 'string'
    ? modem.socketPath
    : `${String(modem.host)}:${String(modem.port)}`;
}
