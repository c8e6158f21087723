import { connect, type Socket } from 'node:net';
import type { HostPort } from './host-port.ts';
import { Link } from './link.ts';
import { ReadSlab } from './read-slab.ts';
import type { ToxicCollection } from './toxic-collection.ts';
import type { TrafficSeries } from './traffic-counters.ts';

const ignore = (): void => undefined;

/** Options of a connection: where to dial and for how long, the proxy's toxics, a close hook. */
export interface ConnectionOptions {
  readonly upstream: HostPort | undefined;
  readonly dialTimeoutMs: number;
  readonly toxics: ToxicCollection;
  /** Where the links count the bytes they read and write. */
  readonly traffic: TrafficSeries;
  readonly onClosed: (connection: Connection) => void;
}

/**
 * One accepted client and its upstream socket, joined by two links (upstream: client → server,
 * downstream: server → client). The client socket arrives paused; the upstream is dialled with a
 * timeout and the client is closed at once if the dial fails. Half-closes are passed on (a FIN
 * travels through the toxics like data); the connection is destroyed when both directions have
 * ended, when either socket is destroyed and the other direction has flushed, when a toxic
 * closes it, or when `destroy`/`reset` is called. Every socket error is handled here. The
 * upstream socket reads into a ReadSlab (Node's `onread`): no buffer allocated per read, and large
 * reads when data streams.
 */
export class Connection {
  private upstream: Socket | undefined;
  private links: { up: Link; down: Link } | undefined;
  private readonly done = new Set<Link>();
  private dialTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly client: Socket,
    private readonly options: ConnectionOptions,
  ) {}

  /** Dials the upstream and, once connected, starts both links. */
  start(): void {
    const { client, options } = this;
    client.on('error', ignore);
    client.once('close', () => this.socketClosed(client));
    if (!options.upstream) return this.destroy();
    client.setNoDelay(true);
    const slab = new ReadSlab();
    const upstream = connect({
      host: options.upstream.host,
      port: options.upstream.port,
      allowHalfOpen: true,
      noDelay: true,
      onread: {
        buffer: slab.next,
        callback: (bytes, space) => {
          const chunk = slab.take(bytes, space as Buffer);
          this.links?.down.receive(chunk);
          return true; // back-pressure pauses the socket itself (Link)
        },
      },
    });
    this.upstream = upstream;
    upstream.on('error', ignore);
    upstream.once('close', () => this.socketClosed(upstream));
    this.dialTimer = setTimeout(() => this.destroy(), options.dialTimeoutMs);
    upstream.once('connect', () => {
      clearTimeout(this.dialTimer);
      if (!this.closed) this.wire(upstream);
    });
  }

  /** Closes both sockets (FIN if possible, buffered data dropped) and stops every toxic. */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.dialTimer);
    if (this.links) this.options.toxics.detach(this.links.up, this.links.down);
    this.links?.up.dispose();
    this.links?.down.dispose();
    this.client.destroy();
    this.upstream?.destroy();
    this.options.onClosed(this);
  }

  /** Aborts both sockets with a TCP RST. */
  reset(): void {
    for (const socket of [this.client, this.upstream]) {
      try {
        if (socket && !socket.destroyed) socket.resetAndDestroy();
      } catch {
        socket?.destroy();
      }
    }
    this.destroy();
  }

  private wire(upstream: Socket): void {
    const events = (link: () => Link) => ({
      done: (close: boolean) => this.linkDone(link(), close),
      reset: () => this.reset(),
    });
    const { toxics, traffic } = this.options;
    const up: Link = new Link(
      this.client,
      upstream,
      toxics.chain('upstream'),
      events(() => up),
      traffic.counts.upstream,
    );
    const down: Link = new Link(
      upstream,
      this.client,
      toxics.chain('downstream'),
      events(() => down),
      traffic.counts.downstream,
    );
    this.links = { up, down };
    toxics.attach(up, down);
    this.client.on('data', up.receive);
    this.client.resume();
  }

  private socketClosed(socket: Socket): void {
    if (this.closed) return;
    if (!this.links) return this.destroy();
    const reading = socket === this.client ? this.links.up : this.links.down;
    const writing = socket === this.client ? this.links.down : this.links.up;
    reading.sourceEnded();
    writing.destGone();
  }

  private linkDone(link: Link, close: boolean): void {
    this.done.add(link);
    if (close || this.done.size === 2) this.destroy();
  }
}
