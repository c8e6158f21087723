import { ApiError } from './api-error.ts';
import { parseHostPort, resolveListen, formatHostPort } from './host-port.ts';
import { TcpProxy } from './tcp-proxy.ts';
import { TrafficCounters } from './traffic-counters.ts';

/** A proxy to create: Toxiproxy's `{name, listen, upstream, enabled}`. */
export interface ProxyInput {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
}

/** What /populate did: the proxies applied, in order, and the error that stopped it, if any. */
export interface PopulateResult {
  readonly proxies: readonly TcpProxy[];
  readonly error?: ApiError;
}

/**
 * Every proxy of a server, by name. Mutations go through `exclusive` so that no two overlap
 * (starting a listener is asynchronous). Errors are ApiErrors with Toxiproxy's messages.
 */
export class ProxyCollection {
  private readonly proxies = new Map<string, TcpProxy>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Bytes through every proxy of this collection, for /metrics. */
  readonly traffic = new TrafficCounters();

  constructor(private readonly dialTimeoutMs: number) {}

  /** Runs `fn` after every mutation queued before it (one at a time). */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Every proxy, sorted by name. */
  list(): TcpProxy[] {
    return [...this.proxies.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The proxy named `name`; throws ApiError 404 `proxy not found`. */
  get(name: string): TcpProxy {
    const proxy = this.proxies.get(name);
    if (!proxy) throw ApiError.proxyNotFound();
    return proxy;
  }

  /**
   * Creates a proxy: 400 for a missing name or upstream, 409 if the name is taken, then (if
   * enabled) binds it — 500 on failure, leaving nothing behind.
   */
  async create(input: ProxyInput): Promise<TcpProxy> {
    if (input.name === '') throw ApiError.missingField('name');
    if (input.upstream === '') throw ApiError.missingField('upstream');
    if (this.proxies.has(input.name)) throw ApiError.proxyExists();
    const proxy = new TcpProxy(input.name, input.listen, input.upstream, this.dialTimeoutMs, this.traffic);
    if (input.enabled) await this.start(proxy);
    this.proxies.set(proxy.name, proxy);
    return proxy;
  }

  /** Stops a proxy, closes its connections and forgets it with its toxics. */
  async remove(name: string): Promise<void> {
    const proxy = this.get(name);
    this.proxies.delete(name);
    await proxy.stop();
  }

  /**
   * Toxiproxy's /populate: validates every input first (`missing required field: name at proxy
   * N`, nothing changed); then, in order, creates new names, keeps a proxy whose upstream and
   * resolved listen address are unchanged (toxics and connections survive, `enabled` ignored),
   * and replaces the others. The first listener failure stops the list; the replaced proxy then
   * stays registered but stopped, as in Toxiproxy.
   */
  async populate(inputs: readonly ProxyInput[]): Promise<PopulateResult> {
    inputs.forEach((input, i) => {
      if (input.name === '') throw ApiError.missingField(`name at proxy ${i + 1}`);
      if (input.upstream === '') throw ApiError.missingField(`upstream at proxy ${i + 1}`);
    });
    const applied: TcpProxy[] = [];
    for (const input of inputs) {
      const existing = this.proxies.get(input.name);
      if (existing && (await this.unchanged(existing, input))) {
        applied.push(existing);
        continue;
      }
      await existing?.stop();
      const proxy = new TcpProxy(input.name, input.listen, input.upstream, this.dialTimeoutMs, this.traffic);
      try {
        if (input.enabled) await this.start(proxy);
      } catch (error) {
        return { proxies: applied, error: error instanceof ApiError ? error : ApiError.system(error) };
      }
      this.proxies.set(proxy.name, proxy);
      applied.push(proxy);
    }
    return { proxies: applied };
  }

  /** /reset: every proxy enabled again (500 if one cannot bind) and every toxic removed. */
  async reset(): Promise<void> {
    for (const proxy of this.list()) {
      await proxy.start();
      proxy.toxics.clear();
    }
  }

  /** Stops every proxy for good and forgets them all; a create still in flight is undone. */
  async closeAll(): Promise<void> {
    this.closed = true;
    const all = [...this.proxies.values()];
    this.proxies.clear();
    await Promise.all(all.map((p) => p.retire()));
  }

  /** Starts a new proxy, unless the collection closed meanwhile (then 500 and nothing left). */
  private async start(proxy: TcpProxy): Promise<void> {
    await proxy.start();
    if (!this.closed) return;
    await proxy.retire();
    throw new ApiError('proxy server is closing', 500);
  }

  private async unchanged(existing: TcpProxy, input: ProxyInput): Promise<boolean> {
    if (existing.upstream !== input.upstream) return false;
    if (existing.listen === input.listen) return true;
    const parsed = parseHostPort(input.listen);
    if (!existing.enabled || !parsed || parsed.port === 0) return false;
    try {
      const resolved = await resolveListen(input.listen);
      return formatHostPort(resolved.host, resolved.port) === existing.listen;
    } catch {
      return false;
    }
  }
}
