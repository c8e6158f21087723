import { createServer, type Server, type Socket } from 'node:net';
import { ApiError } from './api-error.ts';
import { Connection } from './connection.ts';
import { formatBound, goListenError, parseHostPort, resolveListen } from './host-port.ts';
import { ToxicCollection } from './toxic-collection.ts';
import type { TrafficCounters, TrafficSeries } from './traffic-counters.ts';

/** Longest wait for a listener to close once its connections are destroyed. */
const CLOSE_TIMEOUT_MS = 2_000;

/** What a proxy is: its addresses and whether it accepts connections. */
export interface ProxySettings {
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
}

/**
 * One named proxy: a TCP listener that joins every accepted client to a fresh upstream
 * connection, through its toxics. While enabled, `listen` is the address actually bound
 * (`127.0.0.1:0` → `127.0.0.1:35075`); a proxy never started keeps the string it was given.
 * `start`, `stop` and `update` must not overlap (the collection serialises them).
 */
export class TcpProxy {
  enabled = false;
  readonly toxics = new ToxicCollection();
  private retired = false;
  private server: Server | undefined;
  private series: TrafficSeries | undefined;
  private readonly connections = new Set<Connection>();

  constructor(
    readonly name: string,
    public listen: string,
    public upstream: string,
    private readonly dialTimeoutMs: number,
    private readonly traffic: TrafficCounters,
  ) {}

  /** Binds the listener; throws ApiError 500 with the system's text if it cannot. No-op if enabled or retired. */
  async start(): Promise<void> {
    if (this.enabled || this.retired) return;
    const address = await resolveListen(this.listen);
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket) =>
      this.accept(socket),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const host = address.host === '' ? undefined : address.host;
      server.listen({ host, port: address.port }, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch((error: unknown) => {
      throw new ApiError(goListenError(error, address), 500);
    });
    server.on('error', () => undefined);
    this.server = server;
    this.listen = formatBound(server.address());
    this.series = this.traffic.seriesFor(this.name, this.listen, this.upstream);
    this.enabled = true;
  }

  /** Closes the listener (new connects are refused) and every live connection. Bounded. */
  async stop(): Promise<void> {
    if (!this.enabled) return;
    this.enabled = false;
    const server = this.server;
    this.server = undefined;
    for (const connection of [...this.connections]) connection.destroy();
    if (server) await closeBounded(server);
  }

  /** Stops for good: later `start` calls do nothing (the server is closing). */
  async retire(): Promise<void> {
    this.retired = true;
    await this.stop();
  }

  /**
   * Applies new settings. A change of listen or upstream restarts the listener (closing live
   * connections); a change of `enabled` starts or stops it; no effective change touches nothing.
   */
  async update(settings: ProxySettings): Promise<void> {
    if (settings.listen !== this.listen || settings.upstream !== this.upstream) {
      await this.stop();
      this.listen = settings.listen;
      this.upstream = settings.upstream;
    }
    if (settings.enabled !== this.enabled) await (settings.enabled ? this.start() : this.stop());
  }

  private accept(socket: Socket): void {
    if (!this.enabled || !this.series) {
      socket.destroy();
      return;
    }
    const connection = new Connection(socket, {
      upstream: parseHostPort(this.upstream),
      dialTimeoutMs: this.dialTimeoutMs,
      toxics: this.toxics,
      traffic: this.series,
      onClosed: (c) => this.connections.delete(c),
    });
    this.connections.add(connection);
    connection.start();
  }
}

function closeBounded(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
