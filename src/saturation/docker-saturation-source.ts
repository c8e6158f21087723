import { availableParallelism } from 'node:os';
import type Dockerode from 'dockerode';
import { watchContainerStats } from '../faults/docker/container-stats-stream.ts';
import { engineClient } from '../faults/docker/docker-engine.ts';
import type { SaturationSource } from './saturation-source.ts';

/**
 * Container saturation from the Docker engine: one streaming stats request per container, limits
 * from inspect. The client is made on first use (default: the engine DOCKER_HOST names).
 */
export function dockerSaturationSource(docker?: Dockerode): SaturationSource {
  let client: Dockerode | undefined;
  const engine = () => (client ??= docker ?? engineClient());
  return {
    targetKind: 'container',
    watch: (id, emit, now) =>
      watchContainerStats(
        id,
        {
          openStats: (member) => engine().getContainer(member).stats({ stream: true }),
          readLimits: async (member) => (await engine().getContainer(member).inspect()).HostConfig,
          hostCpus: availableParallelism(),
        },
        emit,
        now,
      ),
  };
}
