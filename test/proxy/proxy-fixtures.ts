import { createHash } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { startProxyServer, type ProxyServer, type ProxyServerOptions } from '../../src/proxy/proxy-server.ts';

/** Everything a test opened, closed in afterEach by `closeAll`. */
export class Opened {
  /** Cleanup steps, run last-first by `closeAll`. */
  readonly closers: (() => Promise<void> | void)[] = [];

  /** Starts an embedded proxy server on an ephemeral 127.0.0.1 port. */
  async proxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
    const server = await startProxyServer({ host: '127.0.0.1', port: 0, ...options });
    this.closers.push(() => server.close());
    return server;
  }

  /** A TCP server on 127.0.0.1:0 with `onSocket` per connection; resolves its port. */
  async tcpServer(
    onSocket: (socket: Socket) => void,
    options: { allowHalfOpen?: boolean } = {},
  ): Promise<{ server: Server; port: number }> {
    const sockets = new Set<Socket>();
    const server = createServer({ allowHalfOpen: options.allowHalfOpen ?? false }, (socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => sockets.delete(socket));
      onSocket(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.closers.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    );
    const address = server.address();
    return { server, port: typeof address === 'object' && address ? address.port : 0 };
  }

  /** An echo server: every byte comes back. */
  echoServer(): Promise<{ server: Server; port: number }> {
    return this.tcpServer((socket) => socket.pipe(socket));
  }

  /** Connects to 127.0.0.1:`port`; resolves once connected (rejects on error). */
  async client(port: number): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    this.closers.push(() => void socket.destroy());
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return socket;
  }

  async closeAll(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }
}

/** The port of a `host:port` listen string. */
export function portOf(listen: string): number {
  return Number(listen.slice(listen.lastIndexOf(':') + 1));
}

/** Deterministic pseudo-random bytes (xorshift), so a stream's content is checkable. */
export function patternBytes(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed | 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Reads from `socket` until `size` bytes or the end; resolves the bytes and how it ended. */
export function readAll(
  socket: Socket,
  size = Infinity,
): Promise<{ data: Buffer; end: 'end' | 'close' | 'size'; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let total = 0;
    let error: NodeJS.ErrnoException | undefined;
    const finish = (end: 'end' | 'close' | 'size') => {
      socket.off('data', onData);
      resolve({ data: Buffer.concat(parts), end, ...(error ? { error } : {}) });
    };
    const onData = (d: Buffer) => {
      parts.push(d);
      total += d.length;
      if (total >= size) finish('size');
    };
    socket.on('data', onData);
    socket.once('error', (e: NodeJS.ErrnoException) => (error = e));
    socket.once('end', () => finish('end'));
    socket.once('close', () => finish('close'));
  });
}

/** Resolves how a connection attempt to 127.0.0.1:`port` ends: 'connected' or the error code. */
export function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Median of a list of numbers. */
export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
