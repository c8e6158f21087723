import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import { createApiListener } from './api/api-router.ts';
import { formatHostPort } from './host-port.ts';
import { ProxyCollection } from './proxy-collection.ts';
import { createMetricsRegistry, type MetricsOptions } from './proxy-metrics.ts';
import { createToxicRegistry } from './toxics/toxic-registry.ts';

/**
 * Where the API listens (default 127.0.0.1:8474; port 0 = ephemeral), the upstream dial timeout,
 * and which metrics GET /metrics serves (`proxyMetrics`, `runtimeMetrics`; neither: no /metrics).
 */
export interface ProxyServerOptions extends MetricsOptions {
  host?: string;
  port?: number;
  /** Longest wait for an upstream to accept a connection, ms (default 5000). */
  dialTimeoutMs?: number;
}

/** One proxy of a config file or /populate: Toxiproxy's `{name, listen, upstream, enabled}`. */
export interface ProxyConfig {
  name: string;
  listen: string;
  upstream: string;
  enabled?: boolean;
}

/** A running embedded Toxiproxy-compatible server. */
export interface ProxyServer {
  /** Base URL of the API, e.g. `http://127.0.0.1:8474`. */
  readonly url: string;
  readonly port: number;
  /** /populate in-process: creates, keeps or replaces each proxy; throws with the API's message. */
  populate(proxies: ProxyConfig[]): Promise<void>;
  /** Closes the API, every listener and every connection; bounded (a few seconds at most). */
  close(): Promise<void>;
}

const DEFAULT_PORT = 8474;
const DEFAULT_DIAL_TIMEOUT_MS = 5_000;
const CLOSE_TIMEOUT_MS = 3_000;

/**
 * Starts the embedded proxy: the Toxiproxy 2.12 HTTP API (see /work/shared/TOXIPROXY.md) on
 * `host:port`, default 127.0.0.1:8474. For host `localhost` it binds 127.0.0.1 and, when
 * `localhost` also resolves to ::1, [::1] on the same port (best effort). Rejects if the API
 * port cannot be bound.
 */
export async function startProxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const collection = new ProxyCollection(options.dialTimeoutMs ?? DEFAULT_DIAL_TIMEOUT_MS);
  const listener = createApiListener({
    collection,
    registry: createToxicRegistry(),
    metrics: createMetricsRegistry(options, collection.traffic),
  });
  const host = options.host ?? '127.0.0.1';
  const primary = host === 'localhost' ? '127.0.0.1' : host;
  const servers = [await listen(createApiServer(listener), primary, options.port ?? DEFAULT_PORT)];
  const address = servers[0]?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (host === 'localhost' && (await resolvesToIpv6Loopback())) {
    await listen(createApiServer(listener), '::1', port).then(
      (s) => servers.push(s),
      () => undefined,
    );
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${formatHostPort(urlHost(typeof address === 'object' && address ? address.address : primary), port)}`,
    port,
    async populate(proxies) {
      const inputs = proxies.map((p) => ({
        name: p.name,
        listen: p.listen,
        upstream: p.upstream,
        enabled: p.enabled ?? true,
      }));
      const result = await collection.exclusive(() => collection.populate(inputs));
      if (result.error) throw new Error(`populate: ${result.error.message}`);
    },
    close() {
      closing ??= withTimeout(
        Promise.all([...servers.map(closeServer), collection.closeAll()]).then(() => undefined),
      );
      return closing;
    },
  };
}

function createApiServer(listener: ReturnType<typeof createApiListener>): Server {
  const server = createServer(listener);
  server.requestTimeout = 15_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 60_000;
  return server;
}

function listen(server: Server, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      server.on('error', () => undefined);
      resolve(server);
    });
  });
}

/** A connectable host for the URL: the unspecified addresses become loopback. */
function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '::1';
  return address;
}

async function resolvesToIpv6Loopback(): Promise<boolean> {
  try {
    return (await lookup('localhost', { all: true })).some((a) => a.address === '::1');
  } catch {
    return false;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function withTimeout(work: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    void work.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
