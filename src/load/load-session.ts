import { performance } from 'node:perf_hooks';
import type { SampleSink, ShortfallKind } from '../slo/sample-sink.ts';
import { ArrivalSchedule } from './arrival-schedule.ts';
import type { LoadObserver, LoadPlan, LoadTotals } from './load-driver.ts';
import { PacedClient, type ClientHooks, type ClientOptions } from './paced-client.ts';
import { RequestMix } from './request-mix.ts';

const SWEEP_MS = 20;
/** A connect pending longer than this is the target's doing (it does not accept), not the pool's. */
const SLOW_CONNECT_MS = 1000;
/** Idle limit for servers that announce no `Keep-Alive: timeout` (Node's own default is 5 s). */
export const DEFAULT_IDLE_MS = 4000;

/** Which share of the schedule this session generates: request n when n mod `of` = `index`. */
export interface LoadSlice {
  readonly index: number;
  readonly of: number;
}

/** How long before the server's keep-alive timeout an idle connection is retired. */
export function idleMarginMs(keepAliveMs: number): number {
  return Math.min(1000, Math.max(250, keepAliveMs / 4));
}

/**
 * One generator's share of a load: a pool of paced keep-alive connections. Closed model: its
 * share of the connections, each sending again as soon as it is answered. Open model: its share
 * of the schedule (ArrivalSchedule); a due request goes to the most recently used idle connection,
 * else a new one (up to its share of max-connections), else waits in a backlog. Latency is
 * measured from the due time (no coordinated omission); a request that cannot be sent before its
 * timeout passes is shortfall. Idle connections are retired a margin before the server's
 * keep-alive timeout (DEFAULT_IDLE_MS when it gives none); a failed request is never retried.
 */
export class LoadSession implements ClientHooks {
  readonly #clients = new Set<PacedClient>();
  readonly #idle: PacedClient[] = [];
  readonly #backlog: number[] = [];
  readonly #mix: RequestMix;
  readonly #schedule: ArrivalSchedule | undefined;
  readonly #options: ClientOptions;
  readonly #maxConnections: number;
  #backlogHead = 0;
  #next: number;
  #stopped = false;
  #pacer: NodeJS.Timeout | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #endTimer: NodeJS.Timeout | undefined;
  #finish: ((totals: LoadTotals) => void) | undefined;
  #totals = { intended: 0, sent: 0, answered: 0, connectionsOpened: 0 };

  constructor(
    readonly plan: LoadPlan,
    readonly sink: SampleSink,
    readonly now: () => number,
    readonly slice: LoadSlice = { index: 0, of: 1 },
    readonly observer?: LoadObserver,
  ) {
    this.#mix = new RequestMix(plan.requests.map((r) => r.weight));
    const model = plan.model;
    this.#schedule = model.kind === 'open' ? new ArrivalSchedule(model.rate, model.stages) : undefined;
    this.#next = slice.index;
    this.#maxConnections =
      model.kind === 'open'
        ? Math.max(1, Math.ceil(model.maxConnections / slice.of))
        : Math.floor(model.connections / slice.of) + (slice.index < model.connections % slice.of ? 1 : 0);
    this.#options = clientOptions(plan);
  }

  run(): { done: Promise<LoadTotals>; stop: () => void } {
    const done = new Promise<LoadTotals>((resolve) => (this.#finish = resolve));
    if (!this.#schedule) for (let i = 0; i < this.#maxConnections; i++) this.#open();
    else this.#pace();
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_MS);
    this.#endTimer = setTimeout(() => this.#stop(), Math.max(0, this.plan.durationMs - this.now()));
    return { done, stop: () => this.#stop() };
  }

  /** The earliest time any later sample of this session can carry: its watermark. */
  watermark(): number {
    const t = this.now();
    return this.#schedule ? Math.min(t, this.#schedule.dueAt(this.#next)) : t;
  }

  ready(client: PacedClient): void {
    const t = this.now();
    if (this.#ended(t) || client.inFlight !== undefined || client.backingOff) return;
    if (!this.#schedule) {
      this.sink.intended(t, 1);
      this.#totals.intended++;
      return this.#send(client, t);
    }
    this.#expireBacklog(t);
    if (this.#backlogHead < this.#backlog.length)
      return this.#send(client, this.#backlog[this.#backlogHead++] ?? this.now());
    client.idleSince = this.now();
    const at = this.#idle.indexOf(client);
    if (at >= 0) this.#idle.splice(at, 1);
    this.#idle.push(client);
  }

  answered(client: PacedClient, status: number): void {
    const at = this.now();
    if (this.#ended(at)) return;
    this.sink.response(at, (at - (client.inFlight ?? at)) * 1000, status);
    this.#totals.answered++;
    client.inFlight = undefined;
  }

  lost(client: PacedClient, reason: string): void {
    const at = this.now();
    if (this.#ended(at)) return;
    this.sink.error(at, reason);
    client.inFlight = undefined;
  }

  /** A connect failed: the requests waiting for a connection fail with it, as a pool's would. */
  failed(_client: PacedClient, reason: string): void {
    const t = this.now();
    if (this.#ended(t)) return;
    if (!this.#schedule) {
      // Closed model: this connection's next request is the one that failed.
      this.sink.intended(t, 1);
      this.#totals.intended++;
      return this.sink.error(t, reason);
    }
    for (; this.#backlogHead < this.#backlog.length; this.#backlogHead++) this.sink.error(t, reason);
  }

  #send(client: PacedClient, intendedAt: number): void {
    this.#totals.sent++;
    if (this.#schedule) this.observer?.sent(this.now(), (this.now() - intendedAt) * 1000);
    client.send(this.#mix.next(), intendedAt);
  }

  #short(atMs: number, count: number, kind: ShortfallKind): void {
    this.sink.shortfall(atMs, count, kind);
    this.observer?.shortfall(atMs, count, kind);
  }

  #open(): void {
    this.#totals.connectionsOpened++;
    this.#clients.add(new PacedClient(this.#options, this));
  }

  /** Issues every request of this slice due by now, then sleeps until the next one is due. */
  #pace(): void {
    const schedule = this.#schedule;
    const t = this.now();
    if (this.#ended(t) || !schedule) return;
    for (
      let due = schedule.dueAt(this.#next);
      due <= t && due < this.plan.durationMs;
      due = schedule.dueAt(this.#next)
    ) {
      this.#next += this.slice.of;
      this.#totals.intended++;
      this.sink.intended(due, 1);
      // The pacer itself was so late that this request's timeout has passed: the runner's doing.
      if (t - due > this.plan.timeoutMs) this.#short(t, 1, 'generator');
      else this.#dispatch(due);
    }
    const nextDue = schedule.dueAt(this.#next);
    if (nextDue < this.plan.durationMs)
      this.#pacer = setTimeout(() => this.#pace(), Math.max(0, nextDue - this.now()));
  }

  #dispatch(intendedAt: number): void {
    const t = this.now();
    let client = this.#idle.pop();
    while (client && (!usable(client) || this.#stale(client, t))) {
      if (usable(client)) this.#retire(client);
      client = this.#idle.pop();
    }
    if (client) return this.#send(client, intendedAt);
    this.#backlog.push(intendedAt);
    if (this.#clients.size < this.#maxConnections) this.#open();
  }

  /** An idle connection near the server's keep-alive timeout: reusing it races the server's close. */
  #stale(client: PacedClient, t: number): boolean {
    const keepAlive = client.keepAliveMs ?? DEFAULT_IDLE_MS;
    return t - client.idleSince >= keepAlive - idleMarginMs(keepAlive);
  }

  #retire(client: PacedClient): void {
    this.#clients.delete(client);
    const at = this.#idle.indexOf(client);
    if (at >= 0) this.#idle.splice(at, 1);
    client.destroy();
  }

  /** Requests waiting longer than the timeout will never be answered in time: shortfall. */
  #expireBacklog(t: number): void {
    const cutoff = t - this.plan.timeoutMs;
    let expired = 0;
    while (
      this.#backlogHead < this.#backlog.length &&
      (this.#backlog[this.#backlogHead] ?? Infinity) < cutoff
    ) {
      this.#backlogHead++;
      expired++;
    }
    if (expired > 0) {
      const since = performance.now() - SLOW_CONNECT_MS;
      const outage = [...this.#clients].some(
        (c) => c.backingOff || (c.connecting && c.connectingSince < since),
      );
      this.#short(t, expired, outage ? 'outage' : 'generator');
    }
    if (this.#backlogHead > 1024 && this.#backlogHead * 2 > this.#backlog.length) {
      this.#backlog.splice(0, this.#backlogHead);
      this.#backlogHead = 0;
    }
  }

  #sweep(): void {
    const t = this.now();
    if (this.#ended(t)) return;
    for (const client of this.#clients) {
      if (client.inFlight !== undefined && t - client.inFlight > this.plan.timeoutMs) {
        this.sink.timeout(t);
        client.abandon();
      }
    }
    // The idle stack is oldest first: retire from the bottom while stale.
    for (let c = this.#idle[0]; c && (!usable(c) || this.#stale(c, t)); c = this.#idle[0]) {
      if (usable(c)) this.#retire(c);
      else this.#idle.shift();
    }
    this.#expireBacklog(t);
  }

  /**
   * True once the load is over. The load ends at `durationMs` exactly, not when the end timer
   * happens to fire: the first event seen past the end (the timer late, the thread stalled) stops
   * the session there, so the event counts as in flight at the end, in the totals as in the
   * windows, and no sample is stamped after the last window.
   */
  #ended(t: number): boolean {
    if (this.#stopped) return true;
    if (t < this.plan.durationMs) return false;
    this.#stop();
    return true;
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#pacer);
    clearTimeout(this.#endTimer);
    clearInterval(this.#sweeper);
    for (const client of this.#clients) {
      client.inFlight = undefined;
      client.destroy();
    }
    this.#finish?.({ ...this.#totals });
  }
}

function usable(client: PacedClient): boolean {
  return client.inFlight === undefined && !client.backingOff && !client.destroyed && !client.connecting;
}

function clientOptions(plan: LoadPlan): ClientOptions {
  const url = new URL(plan.url);
  const base = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return {
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    host: url.host,
    protocol: url.protocol === 'https:' ? 'https:' : 'http:',
    pipelining: 1,
    requests: plan.requests.map((r) => ({
      method: r.method,
      path: `${base}${r.path}`,
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.body === undefined ? {} : { body: r.body }),
    })),
  };
}
