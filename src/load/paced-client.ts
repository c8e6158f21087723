import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** The parts of autocannon 9's HTTP client (lib/httpClient.js) this adapter relies on. */
interface AutocannonClient extends EventEmitter {
  conn: Socket;
  destroyed: boolean;
  parser: { initialize(type: number): void };
  requestIterator: {
    requests: { requestBuffer: Buffer }[];
    currentRequest: { requestBuffer: Buffer };
    currentRequestIndex: number;
  };
  pipelinedRequests: { insertRequest(request: unknown): void; clear(): void };
  timeoutTicker: { reschedule(ms?: number): void; clear(): void };
  reqsMade: number;
  _connect(): void;
  _doRequest(): void;
  _destroyConnection(): void;
  destroy(): void;
}

/** Options autocannon's client understands (the subset we set). */
export interface ClientOptions {
  readonly hostname: string;
  readonly port: number;
  readonly host: string;
  readonly protocol: 'http:' | 'https:';
  readonly requests: readonly {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
  }[];
  readonly pipelining: 1;
}

/** How a paced client tells its pool what happened. */
export interface ClientHooks {
  /** The client is connected and can take a request now. */
  ready(client: PacedClient): void;
  /** An answer arrived for the request in flight. */
  answered(client: PacedClient, status: number): void;
  /** The request in flight was lost (connection error, server closed it mid-request). */
  lost(client: PacedClient, reason: string): void;
  /** The connection failed with no request in flight (refused, reset while idle or connecting). */
  failed(client: PacedClient, reason: string): void;
}

const require = createRequire(import.meta.url);
const Client = require('autocannon/lib/httpClient.js') as new (
  opts: ClientOptions & { timeout: number },
) => AutocannonClient;
const { HTTPParser } = require('http-parser-js') as { HTTPParser: { RESPONSE: number } };
const NO_TICKER = { reschedule: () => undefined, clear: () => undefined };
const MAX_BACKOFF_MS = 250;

/**
 * One keep-alive connection driven by autocannon's own HTTP client (its request builder and
 * parser), but sent only when the pool says so: autocannon decides nothing about timing. We own
 * the timeout (autocannon's per-connection timer misfires on idle connections), reconnect with
 * backoff (autocannon reconnects in a hot loop while a port refuses), report a server close in
 * mid-request (which autocannon drops silently), offer the connection only once it is connected,
 * read the server's `Keep-Alive: timeout=N`, and open a fresh connection after `Connection: close`.
 */
export class PacedClient extends Client {
  /** Intended send time (ms, run clock) of the request in flight; undefined when idle. */
  inFlight: number | undefined;
  /** True while waiting out a reconnect backoff: not usable. */
  backingOff = false;
  /** True while the TCP connect is pending: not usable yet. */
  connecting = true;
  /** When (performance.now) the pending connect started. */
  connectingSince = performance.now();
  /** The server's announced keep-alive timeout in ms (`Keep-Alive: timeout=N`), if any. */
  keepAliveMs: number | undefined;
  /** When (run clock, ms) the pool last put this connection on its idle stack. */
  idleSince = 0;
  private hooks_: ClientHooks | undefined;
  private failures_ = 0;
  private closeAfter_ = false;
  private backoffTimer_: NodeJS.Timeout | undefined;

  constructor(options: ClientOptions, hooks: ClientHooks) {
    super({ ...options, timeout: 3600 });
    this.timeoutTicker.clear();
    this.timeoutTicker = NO_TICKER;
    this.hooks_ = hooks;
    this.on('headers', (info: { headers: string[] }) => this.readHeaders_(info.headers));
    this.on('response', (status: number) => {
      this.failures_ = 0;
      if (this.closeAfter_) {
        // The server closes this connection after this answer: never offer it again.
        this.closeAfter_ = false;
        this.connecting = true;
        const conn = this.conn;
        setImmediate(() => {
          if (this.destroyed || conn !== this.conn) return;
          this._destroyConnection();
          this._connect();
        });
      }
      if (this.inFlight !== undefined) hooks.answered(this, status);
    });
    this.on('connError', (error: NodeJS.ErrnoException) => {
      this.failures_++;
      const reason = error.code ? `${error.code}: ${error.message}` : error.message;
      if (this.inFlight !== undefined) hooks.lost(this, reason);
      else hooks.failed(this, reason);
    });
  }

  /** Writes request `index` of the mix; `intendedAt` is when the schedule wanted it sent. */
  send(index: number, intendedAt: number): void {
    const iterator = this.requestIterator;
    const request = iterator.requests[index] ?? iterator.requests[0];
    if (!request) return;
    iterator.currentRequestIndex = index;
    iterator.currentRequest = request;
    this.inFlight = intendedAt;
    this.pipelinedRequests.insertRequest(request);
    this.conn.write(request.requestBuffer);
    this.reqsMade++;
  }

  /** Gives up on the request in flight and starts a fresh connection. */
  abandon(): void {
    this.inFlight = undefined;
    this._destroyConnection();
    this._connect();
  }

  override _doRequest(): void {
    if (this.hooks_ && !this.destroyed && !this.connecting) this.hooks_.ready(this);
  }

  override _connect(): void {
    if (this.inFlight !== undefined) this.hooks_?.lost(this, 'connection closed mid-request');
    this.inFlight = undefined;
    this.parser.initialize(HTTPParser.RESPONSE);
    this.connecting = true;
    this.connectingSince = performance.now();
    this.keepAliveMs = undefined;
    if (this.failures_ > 0 && this.hooks_) {
      this.backingOff = true;
      const delay = Math.min(MAX_BACKOFF_MS, 5 * 2 ** this.failures_);
      this.backoffTimer_ = setTimeout(() => {
        this.backingOff = false;
        if (!this.destroyed) this.connectNow_();
      }, delay);
      return;
    }
    this.connectNow_();
  }

  override destroy(): void {
    clearTimeout(this.backoffTimer_);
    super.destroy();
  }

  private connectNow_(): void {
    super._connect();
    const conn = this.conn;
    conn.setNoDelay(true);
    conn.once('connect', () => {
      if (conn !== this.conn || this.destroyed) return;
      this.connecting = false;
      this._doRequest();
    });
  }

  private readHeaders_(raw: string[]): void {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]?.toLowerCase();
      const value = raw[i + 1] ?? '';
      if (name === 'keep-alive') {
        const seconds = /timeout\s*=\s*(\d+(?:\.\d+)?)/i.exec(value)?.[1];
        if (seconds !== undefined) this.keepAliveMs = Number(seconds) * 1000;
      } else if (name === 'connection' && /\bclose\b/i.test(value)) this.closeAfter_ = true;
    }
  }
}
