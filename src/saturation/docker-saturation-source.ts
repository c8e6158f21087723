import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { watchContainerStats } from '../faults/docker/container-stats-stream.ts';
import type { DockerPort } from '../faults/docker/docker-port.ts';
import { connectEngine, DEFAULT_ENGINE } from '../faults/docker/engine-connection.ts';
import type { SaturationSource } from './saturation-source.ts';

/**
 * Container saturation from the Docker engine through the Docker port: one streaming stats
 * request per container (re-serialised as the engine's own newline-delimited JSON for the
 * stream reader), limits from inspect. The engine is connected on first use (default: the one
 * DOCKER_HOST names). Containers on other engines named under `engines:` are not read.
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
          openStats: async (member) => {
            const stop = new AbortController();
            const lines = async function* () {
              for await (const reading of engine().container(member).statsStream(stop.signal))
                yield `${JSON.stringify(reading)}\n`;
            };
            const stream = Readable.from(lines());
            stream.once('close', () => stop.abort());
            return stream;
          },
          readLimits: async (member) => (await engine().container(member).inspect()).HostConfig,
          hostCpus: availableParallelism(),
        },
        emit,
        now,
      ),
  };
}
