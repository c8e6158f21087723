import { availableParallelism } from 'node:os';
import { watchContainerStats } from '../faults/docker/container-stats-stream.ts';
import type { DockerPort } from '../faults/docker/docker-port.ts';
import { connectEngine, DEFAULT_ENGINE } from '../faults/docker/engine-connection.ts';
import type { SaturationSource } from './saturation-source.ts';

/**
 * Container saturation from the Docker engine through the Docker port: one streaming stats
 * request per container, its readings decoded once by the port, limits from inspect. The engine
 * is connected on first use (default: the one DOCKER_HOST names). Containers on other engines
 * named under `engines:` are not read.
 */
export function dockerSaturationSource(docker?: DockerPort): SaturationSource {
  let port: DockerPort | undefined;
  const engine = () => (port ??= docker ?? connectEngine(DEFAULT_ENGINE, undefined));
  return {
    targetKind: 'container',
    watch: (id, emit, now) =>
      watchContainerStats(
        id,
        {
          openStats: (member, signal) => engine().container(member).statsStream(signal),
          readLimits: async (member) => (await engine().container(member).inspect()).HostConfig,
          hostCpus: availableParallelism(),
        },
        emit,
        now,
      ),
  };
}
