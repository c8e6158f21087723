import { RunFailedError } from '../errors/faultline-error.ts';
import { probeOnce } from '../runtime/probe.ts';
import type { SampleSink } from '../slo/sample-sink.ts';
import { ArrivalSchedule } from './arrival-schedule.ts';
import type { LoadDriver, LoadPlan, LoadRun, LoadTotals } from './load-driver.ts';
import { PacedClient, type ClientHooks, type ClientOptions } from './paced-client.ts';
import { RequestMix } from './request-mix.ts';

const SWEEP_MS = 20;

/**
 * The autocannon adapter. Closed model: N connections, each sending again as soon as it is
 * answered. Open model: requests are due on an even schedule (ArrivalSchedule); a due request
 * goes to an idle connection, else a new one (up to maxConnections), else waits in a backlog.
 * Latency is measured from the due time, so waiting counts (no coordinated omission); a request
 * still waiting when its timeout has passed is shortfall, counted bad.
 */
export class AutocannonDriver implements LoadDriver {
  async preflight(plan: LoadPlan): Promise<void> {
    if (!(await probeOnce(plan.url, 3000, { anyStatus: true }))) {
      throw new RunFailedError('E_LOAD_TARGET', `the load target ${plan.url} does not answer HTTP`, {
        hint: 'start the service, or add it as a process target with a ready URL',
      });
    }
  }

  start(plan: LoadPlan, sink: SampleSink, now: () => number): LoadRun {
    return new LoadSession(plan, sink, now).run();
  }
}

class LoadSession implements ClientHooks {
  readonly #clients = new Set<PacedClient>();
  readonly #idle: PacedClient[] = [];
  readonly #backlog: number[] = [];
  readonly #mix: RequestMix;
  readonly #schedule: ArrivalSchedule | undefined;
  readonly #options: ClientOptions;
  #backlogHead = 0;
  #next = 0;
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
  ) {
    this.#mix = new RequestMix(plan.requests.map((r) => r.weight));
    const model = plan.model;
    this.#schedule = model.kind === 'open' ? new ArrivalSchedule(model.rate, model.stages) : undefined;
    const url = new URL(plan.url);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const base = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
    this.#options = {
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port,
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

  run(): LoadRun {
    const done = new Promise<LoadTotals>((resolve) => (this.#finish = resolve));
    if (this.plan.model.kind === 'closed') for (let i = 0; i < this.plan.model.connections; i++) this.#open();
    else this.#pace();
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_MS);
    this.#endTimer = setTimeout(() => this.#stop(), Math.max(0, this.plan.durationMs - this.now()));
    return { done, stop: async () => (this.#stop(), done) };
  }

  ready(client: PacedClient): void {
    if (this.#stopped || client.inFlight !== undefined || client.backingOff) return;
    if (!this.#schedule) {
      const at = this.now();
      this.sink.intended(at, 1);
      this.#totals.intended++;
      return this.#send(client, at);
    }
    this.#expireBacklog();
    if (this.#backlogHead < this.#backlog.length)
      return this.#send(client, this.#backlog[this.#backlogHead++] ?? this.now());
    if (!this.#idle.includes(client)) this.#idle.push(client);
  }

  answered(client: PacedClient, status: number): void {
    const at = this.now();
    this.sink.response(at, (at - (client.inFlight ?? at)) * 1000, status);
    this.#totals.answered++;
    client.inFlight = undefined;
  }

  lost(client: PacedClient, reason: string): void {
    this.sink.error(this.now(), reason);
    client.inFlight = undefined;
  }

  #send(client: PacedClient, intendedAt: number): void {
    this.#totals.sent++;
    client.send(this.#mix.next(), intendedAt);
  }

  #open(): void {
    this.#totals.connectionsOpened++;
    this.#clients.add(new PacedClient(this.#options, this));
  }

  /** Issues every request due by now, then sleeps until the next one is due. */
  #pace(): void {
    const schedule = this.#schedule;
    if (this.#stopped || !schedule) return;
    const t = this.now();
    for (
      let due = schedule.dueAt(this.#next);
      due <= t && due < this.plan.durationMs;
      due = schedule.dueAt(this.#next)
    ) {
      this.#next++;
      this.#totals.intended++;
      this.sink.intended(due, 1);
      this.#dispatch(due);
    }
    const nextDue = schedule.dueAt(this.#next);
    if (nextDue < this.plan.durationMs)
      this.#pacer = setTimeout(() => this.#pace(), Math.max(0, nextDue - this.now()));
  }

  #dispatch(intendedAt: number): void {
    let client = this.#idle.pop();
    while (client && (client.inFlight !== undefined || client.backingOff || client.destroyed))
      client = this.#idle.pop();
    if (client) return this.#send(client, intendedAt);
    this.#backlog.push(intendedAt);
    const max = this.plan.model.kind === 'open' ? this.plan.model.maxConnections : 0;
    if (this.#clients.size < max) this.#open();
  }

  /** Requests waiting longer than the timeout will never be answered in time: shortfall. */
  #expireBacklog(): void {
    const cutoff = this.now() - this.plan.timeoutMs;
    let expired = 0;
    while (
      this.#backlogHead < this.#backlog.length &&
      (this.#backlog[this.#backlogHead] ?? Infinity) < cutoff
    ) {
      this.#backlogHead++;
      expired++;
    }
    if (expired > 0) this.sink.shortfall(this.now(), expired);
    if (this.#backlogHead > 1024 && this.#backlogHead * 2 > this.#backlog.length) {
      this.#backlog.splice(0, this.#backlogHead);
      this.#backlogHead = 0;
    }
  }

  #sweep(): void {
    const t = this.now();
    for (const client of this.#clients) {
      if (client.inFlight !== undefined && t - client.inFlight > this.plan.timeoutMs) {
        this.sink.timeout(t);
        client.abandon();
      }
    }
    this.#expireBacklog();
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
