import { PassThrough, type Readable } from 'node:stream';
import Dockerode from 'dockerode';
import type {
  ContainerDetails,
  ContainerPort,
  ContainerSummary,
  DockerPort,
  EngineInfo,
  ImageDetails,
  NetworkPort,
  PathStat,
  StatsReading,
} from './docker-port.ts';
import { parseStatsMessage, statsMessages } from './stats-message.ts';

/** How to reach one engine, as dockerode takes it (see engine-connection.ts). */
export type DockerodeOptions = Dockerode.DockerOptions;

const GO_MODE_DIR = 2 ** 31;

/** The Docker port over dockerode: the only file of the provider that imports it. */
export function dockerodePort(options: DockerodeOptions | undefined, endpoint: string): DockerPort {
  const docker = new Dockerode(options);
  return {
    endpoint,
    ping: async () => void (await docker.ping()),
    info: async () => (await docker.info()) as EngineInfo,
    listContainers: async ({ all, labels }) =>
      (await docker.listContainers({
        all,
        ...(labels && labels.length > 0 ? { filters: { label: [...labels] } } : {}),
      })) as ContainerSummary[],
    createContainer: async (spec) => {
      const { CapAdd, ...host } = spec.HostConfig;
      const options: Dockerode.ContainerCreateOptions = {
        name: spec.name,
        Image: spec.Image,
        Cmd: [...spec.Cmd],
        ...(spec.Entrypoint ? { Entrypoint: [...spec.Entrypoint] } : {}),
        ...(spec.Tty !== undefined ? { Tty: spec.Tty } : {}),
        ...(spec.StopSignal !== undefined ? { StopSignal: spec.StopSignal } : {}),
        Labels: { ...spec.Labels },
        HostConfig: { ...host, ...(CapAdd ? { CapAdd: [...CapAdd] } : {}) },
      };
      return containerPort(await docker.createContainer(options));
    },
    container: (id) => containerPort(docker.getContainer(id)),
    network: (id) => networkPort(docker.getNetwork(id)),
    inspectImage: async (name) => {
      try {
        const info = await docker.getImage(name).inspect();
        return {
          Labels: info.Config.Labels ?? {},
          Architecture: info.Architecture,
          Os: info.Os,
        } satisfies ImageDetails;
      } catch (error) {
        if ((error as { statusCode?: unknown }).statusCode === 404) return undefined;
        throw error;
      }
    },
    buildImage: async (context, files, tag, labels) => {
      const stream = await docker.buildImage(
        { context, src: [...files] },
        { t: tag, labels, rm: true, forcerm: true },
      );
      const output = await new Promise<{ error?: string; errorDetail?: { message?: string } }[]>(
        (resolve, reject) =>
          docker.modem.followProgress(stream, (err, out) => (err ? reject(err) : resolve(out))),
      );
      const failure = output.find((o) => o.error !== undefined || o.errorDetail !== undefined);
      if (failure) throw new Error(failure.errorDetail?.message ?? failure.error ?? 'build failed');
    },
  };
}

function containerPort(c: Dockerode.Container): ContainerPort {
  return {
    id: c.id,
    inspect: async () => (await c.inspect()) as unknown as ContainerDetails,
    start: async () => void (await c.start()),
    stop: async (seconds) => void (await c.stop(seconds === undefined ? {} : { t: seconds })),
    kill: async (signal) => void (await c.kill({ signal })),
    pause: async () => void (await c.pause()),
    unpause: async () => void (await c.unpause()),
    restart: async (seconds) => void (await c.restart({ t: seconds })),
    update: async (fields) => void (await c.update({ ...fields })),
    stats: async ({ oneShot }) =>
      parseStatsMessage(await c.stats({ stream: false, ...(oneShot ? { 'one-shot': true } : {}) })),
    statsStream: (signal) => statsStream(c, signal),
    exec: async (command) => {
      const exec = await c.exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({ hijack: true, stdin: false });
      const out = new PassThrough();
      let output = '';
      out.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      c.modem.demuxStream(stream, out, out);
      await new Promise<void>((resolve, reject) => stream.on('end', resolve).on('error', reject));
      const { ExitCode } = await exec.inspect();
      return { exitCode: ExitCode ?? -1, output };
    },
    logs: async () => (await c.logs({ stdout: true, stderr: true, follow: false })).toString('utf8'),
    statPath: async (path) => {
      try {
        const response = (await c.infoArchive({ path })) as {
          headers?: Record<string, string | undefined>;
          destroy?: () => void;
        };
        response.destroy?.();
        const header = response.headers?.['x-docker-container-path-stat'];
        const stat = JSON.parse(Buffer.from(header ?? 'e30=', 'base64').toString('utf8')) as {
          size?: number;
          mode?: number;
        };
        return {
          size: stat.size ?? 0,
          isDirectory: Math.floor((stat.mode ?? 0) / GO_MODE_DIR) % 2 === 1,
        } satisfies PathStat;
      } catch (error) {
        if ((error as { statusCode?: unknown }).statusCode === 404) return undefined;
        throw error;
      }
    },
    remove: async (force) => void (await c.remove({ force, v: true })),
  };
}

function networkPort(n: Dockerode.Network): NetworkPort {
  return {
    connect: async (container, endpoint) =>
      void (await n.connect({
        Container: container,
        EndpointConfig: {
          ...(endpoint.Aliases ? { Aliases: [...endpoint.Aliases] } : {}),
          ...(endpoint.Links ? { Links: [...endpoint.Links] } : {}),
          ...(endpoint.IPAMConfig ? { IPAMConfig: { ...endpoint.IPAMConfig } } : {}),
        },
      })),
    disconnect: async (container) => void (await n.disconnect({ Container: container, Force: false })),
    inspect: async () =>
      (await n.inspect()) as { Id: string; Name: string; Containers: Record<string, unknown> },
  };
}

/**
 * The engine's stats stream as readings, each checked where it enters (stats-message.ts); closed
 * on return or abort. Throws what statsMessages throws at a message that is not a stats reading.
 */
async function* statsStream(c: Dockerode.Container, signal?: AbortSignal): AsyncGenerator<StatsReading> {
  const stream = (await c.stats({ stream: true })) as unknown as Readable;
  const close = () => stream.destroy();
  if (signal?.aborted) return close(); // aborted while the request was on its way
  signal?.addEventListener('abort', close, { once: true });
  try {
    yield* statsMessages(stream);
  } catch (error) {
    if (!signal?.aborted) throw error; // aborting destroys the stream: "premature close" is the end
  } finally {
    signal?.removeEventListener('abort', close);
    close();
  }
}
