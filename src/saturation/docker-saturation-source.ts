import { availableParallelism } from 'node:os';
import { watchContainerStats } from '../faults/docker/container-stats-stream.ts';
import type { DockerPort } from '../faults/docker/docker-port.ts';
import { connectEngine, DEFAULT_ENGINE } from '../faults/docker/engine-connection.ts';
import type { EngineSpec } from '../experiment/model.ts';
import { targetEngine } from '../experiment/schema-targets.ts';
import type { SaturationSource } from './saturation-source.ts';

/**
 * Container saturation from the Docker engines through the Docker port: one streaming stats
 * request per container, its readings decoded once by the port, limits from inspect. Each
 * container is read on its target's engine (`engine:` naming one of `engines`; default: the one
 * DOCKER_HOST names), connected on first use.
 */
export function dockerSaturationSource(
  engines: Readonly<Record<string, EngineSpec>> = {},
  connect: (name: string, spec: EngineSpec | undefined) => DockerPort = connectEngine,
): SaturationSource {
  const ports = new Map<string, DockerPort>();
  const portOf = (name: string) => {
    let port = ports.get(name);
    if (port === undefined) ports.set(name, (port = connect(name, engines[name])));
    return port;
  };
  return {
    targetKind: 'container',
    watch: async (id, emit, now, target) => {
      const port = portOf((target && targetEngine(target.spec)) ?? DEFAULT_ENGINE);
      return watchContainerStats(
        id,
        {
          openStats: (member, signal) => port.container(member).statsStream(signal),
          readLimits: async (member) => (await port.container(member).inspect()).HostConfig,
          hostCpus: availableParallelism(),
        },
        emit,
        now,
      );
    },
  };
}
