import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RunFailedError } from '../../errors/faultline-error.ts';
import type { EngineSpec } from '../../experiment/model.ts';
import { messageOf } from './docker-evidence.ts';
import type { DockerPort } from './docker-port.ts';
import { dockerodePort, type DockerodeOptions } from './dockerode-adapter.ts';

/** The engine a container target uses when it names none: DOCKER_HOST, else the local socket. */
export const DEFAULT_ENGINE = 'default';

/**
 * Connects to a named engine (no traffic yet: the first verb dials). `spec` undefined is the
 * default engine (DOCKER_HOST / local socket). `host` takes unix://, tcp:// (with `tls` file
 * paths, or https when the port is 2376 and no TLS is given) and ssh://user@host; `context` reads a
 * Docker CLI context (DOCKER_CONFIG or ~/.docker). Throws RunFailedError naming the engine when
 * the address, a TLS file or the context cannot be read.
 */
export function connectEngine(name: string, spec: EngineSpec | undefined): DockerPort {
  try {
    if (spec === undefined) return dockerodePort(undefined, describeDefault());
    const { options, endpoint } =
      'context' in spec && spec.context !== undefined
        ? fromContext(spec.context)
        : fromHost(spec.host ?? '', spec.tls);
    return dockerodePort(options, endpoint);
  } catch (error) {
    if (error instanceof RunFailedError) throw error;
    const where =
      spec === undefined ? `DOCKER_HOST ${JSON.stringify(process.env.DOCKER_HOST ?? '')}` : `engine ${name}`;
    throw new RunFailedError('E_DOCKER_HOST', `${where}: cannot make a client: ${messageOf(error)}`, {
      hint: 'give unix:///var/run/docker.sock, tcp://host:port or ssh://user@host (or a Docker context), or unset DOCKER_HOST for the local engine',
      cause: error,
    });
  }
}

interface Connection {
  readonly options: DockerodeOptions;
  readonly endpoint: string;
}

function fromHost(host: string, tls: EngineSpec['tls']): Connection {
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    return { options: { socketPath, host: undefined, protocol: 'http' } as DockerodeOptions, endpoint: host };
  }
  const url = new URL(host);
  if (url.protocol === 'ssh:') {
    return {
      options: {
        protocol: 'ssh',
        host: url.hostname,
        port: Number(url.port || 22),
        username: url.username,
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      } as DockerodeOptions,
      endpoint: host,
    };
  }
  const port = Number(url.port || (tls ? 2376 : 2375));
  const https = tls !== undefined || port === 2376;
  return {
    options: {
      protocol: https ? 'https' : 'http',
      host: url.hostname,
      port,
      ...(tls ? { ca: readFileSync(tls.ca), cert: readFileSync(tls.cert), key: readFileSync(tls.key) } : {}),
    } as DockerodeOptions,
    endpoint: host,
  };
}

/** A Docker CLI context: its meta.json names the host; its TLS folder, when there, the keys. */
function fromContext(context: string): Connection {
  const root = process.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  const id = createHash('sha256').update(context).digest('hex');
  const metaFile = join(root, 'contexts', 'meta', id, 'meta.json');
  if (!existsSync(metaFile))
    throw new RunFailedError('E_DOCKER_CONTEXT', `Docker context ${context}: not found (no ${metaFile})`, {
      hint: 'list contexts with: docker context ls',
    });
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { Endpoints?: { docker?: { Host?: string } } };
  const host = meta.Endpoints?.docker?.Host;
  if (host === undefined)
    throw new RunFailedError(
      'E_DOCKER_CONTEXT',
      `Docker context ${context}: ${metaFile} names no docker host`,
    );
  const tlsDir = join(root, 'contexts', 'tls', id, 'docker');
  const tls = existsSync(join(tlsDir, 'ca.pem'))
    ? { ca: join(tlsDir, 'ca.pem'), cert: join(tlsDir, 'cert.pem'), key: join(tlsDir, 'key.pem') }
    : undefined;
  const { options } = fromHost(host, tls);
  return { options, endpoint: `${host} (context ${context})` };
}

function describeDefault(): string {
  const host = process.env.DOCKER_HOST;
  if (host === undefined || host === '') return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : host;
}
