import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';

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
  /** The client can take a request now. */
  ready(client: PacedClient): void;
  /** An answer arrived for the request in flight. */
  answered(client: PacedClient, status: number): void;
  /** The request in flight was lost (connection error, server closed it mid-request). */
  lost(client: PacedClient, reason: string): void;
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
 * backoff (autocannon reconnects in a hot loop while a port refuses), and report a server close
 * in mid-request, which autocannon drops silently.
 */
export class PacedClient extends Client {
  /** Intended send time (ms, run clock) of the request in flight; undefined when idle. */
  inFlight: number | undefined;
  /** True while waiting out a reconnect backoff: not usable. */
  backingOff = false;
  private hooks_: ClientHooks | undefined;
  private failures_ = 0;
  private backoffTimer_: NodeJS.Timeout | undefined;

  constructor(options: ClientOptions, hooks: ClientHooks) {
    super({ ...options, timeout: 3600 });
    this.timeoutTicker.clear();
    this.timeoutTicker = NO_TICKER;
    this.hooks_ = hooks;
    this.on('response', (status: number) => {
      this.failures_ = 0;
      if (this.inFlight !== undefined) hooks.answered(this, status);
    });
    this.on('connError', (error: Error) => {
      this.failures_++;
      if (this.inFlight !== undefined)
        hooks.lost(this, (error as NodeJS.ErrnoException).code ?? error.message);
    });
    hooks.ready(this);
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
    if (this.hooks_ && !this.destroyed) this.hooks_.ready(this);
  }

  override _connect(): void {
    if (this.inFlight !== undefined) this.hooks_?.lost(this, 'connection closed mid-request');
    this.parser.initialize(HTTPParser.RESPONSE);
    if (this.failures_ > 0 && this.hooks_) {
      this.backingOff = true;
      const delay = Math.min(MAX_BACKOFF_MS, 5 * 2 ** this.failures_);
      this.backoffTimer_ = setTimeout(() => {
        this.backingOff = false;
        if (!this.destroyed) super._connect();
      }, delay);
      return;
    }
    super._connect();
  }

  override destroy(): void {
    clearTimeout(this.backoffTimer_);
    super.destroy();
  }
}
