import { performance } from 'node:perf_hooks';
import { FAULTS_BY_TARGET } from '../../experiment/fault-compatibility.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import type { FaultSpec, ProxyDeclaration, TargetSpec } from '../../experiment/model.ts';
import { probeOnce } from '../../runtime/probe.ts';
import { faultHandle } from '../fault-handle.ts';
import { readBack } from '../read-back.ts';
import type {
  Evidence,
  FaultContext,
  FaultHandle,
  FaultProvider,
  ResolvedTarget,
} from '../fault-provider.ts';
import type { ToxiproxyApi } from './toxiproxy-api.ts';
import { toxiproxyClientApi } from './toxiproxy-client-api.ts';
import { sweepToxics } from './sweep-toxics.ts';
import { toxicsForFault } from './toxics-for-fault.ts';

/** A started embedded proxy server. */
export interface EmbeddedServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface ToxiproxyProviderOptions {
  /** The experiment's `toxiproxy:` block: a server `url`, or none for the embedded proxy. */
  readonly config:
    | {
        readonly url?: string | undefined;
        readonly proxies: readonly ProxyDeclaration[];
        /** The embedded proxy serves Prometheus /metrics (proxy and runtime metrics). */
        readonly metrics?: boolean | undefined;
      }
    | undefined;
  /** Starts the embedded proxy (default: src/proxy in its own worker thread, 127.0.0.1, ephemeral API port). */
  readonly startEmbedded?: (metrics: boolean) => Promise<EmbeddedServer>;
  /** Builds the API client (default: toxiproxy-node-client). */
  readonly api?: (url: string) => ToxiproxyApi;
}

async function defaultEmbedded(metrics: boolean): Promise<EmbeddedServer> {
  const { startEmbeddedProxyWorker } = await import('./embedded-proxy-worker.ts');
  return startEmbeddedProxyWorker(metrics);
}

/**
 * Network faults through Toxiproxy. Revert removes exactly the toxics this run added (named with
 * the run id) and re-enables what it disabled — never a blanket /reset of a shared server.
 * Proxies the run had to create are removed at close; proxies that were there are left as found.
 */
export function createToxiproxyProvider(options: ToxiproxyProviderOptions): FaultProvider {
  const declared = options.config?.proxies ?? [];
  /** The server a proxy lives on: its own `url`, else `toxiproxy.url`, else the embedded proxy. */
  const serverOf = (proxy: string): string | undefined =>
    declared.find((p) => p.name === proxy)?.url ?? options.config?.url;
  const servers = new Map<string, Server>();
  const connect = (url: string | undefined, log: (line: string) => void): Promise<ToxiproxyApi> => {
    const key = url ?? EMBEDDED;
    let server = servers.get(key);
    if (!server) {
      server = { created: [] };
      servers.set(key, server);
    }
    const s = server;
    s.api ??= connectServer(
      url,
      declared.filter((p) => (p.url ?? options.config?.url) === url),
      s,
      options,
      log,
    ).catch((error: unknown) => ((s.api = undefined), Promise.reject(error)));
    return s.api;
  };
  /** Every server the declared proxies live on (the default one when a proxy or none names none). */
  const used = () => {
    const urls = new Set(declared.map((p) => p.url ?? options.config?.url));
    if (declared.length === 0 || declared.some((p) => p.url === undefined)) urls.add(options.config?.url);
    return [...urls];
  };
  return {
    id: 'toxiproxy',
    targetKind: 'proxy',
    faultTypes: FAULTS_BY_TARGET.proxy,
    preflight: async (ctx) => void (await Promise.all(used().map((url) => connect(url, ctx.log)))),
    async resolve(name: string, spec: TargetSpec, ctx: FaultContext): Promise<ResolvedTarget> {
      if (!('proxy' in spec)) throw new Error(`target ${name} is not a proxy target`);
      const client = await connect(serverOf(spec.proxy), ctx.log);
      const proxy = await client.proxy(spec.proxy);
      if (!proxy) {
        const known = (await client.proxies()).map((p) => p.name);
        throw new RunFailedError(
          'E_PROXY_MISSING',
          `target ${name}: Toxiproxy at ${client.url} has no proxy named ${spec.proxy}; it has: ${known.join(', ') || 'none'}`,
          { hint: 'declare it under toxiproxy.proxies, or create it on the server' },
        );
      }
      return {
        name,
        kind: 'proxy',
        spec,
        members: [{ id: proxy.name, label: `${proxy.listen} → ${proxy.upstream}` }],
      };
    },
    async inject(fault: FaultSpec, target: ResolvedTarget, ctx: FaultContext): Promise<FaultHandle> {
      const proxyName = target.members[0]?.id ?? '';
      const client = await connect(serverOf(proxyName), ctx.log);
      if (fault.type === 'down') return down(client, proxyName, ctx);
      const probe = 'proxy' in target.spec ? target.spec.probe : undefined;
      return toxics(client, proxyName, fault, ctx, probe);
    },
    // An embedded proxy ends with the run that started it: only a server at a URL can hold leftovers.
    sweep: async (runId?: string) => {
      const actions = [];
      for (const url of used())
        if (url !== undefined)
          actions.push(...(await sweepToxics(await connect(url, () => undefined), runId)));
      return actions;
    },
    async close() {
      for (const server of servers.values()) {
        if (server.owner && !server.embedded)
          for (const name of server.created.splice(0)) await server.owner.removeProxy(name);
        await server.embedded?.close();
      }
      servers.clear();
    },
  };
}

const EMBEDDED = 'embedded';

/** One Toxiproxy server of a run and what the run made on it. */
interface Server {
  api?: Promise<ToxiproxyApi> | undefined;
  embedded?: EmbeddedServer;
  /** The client the run created proxies with, set before the first is made. */
  owner?: ToxiproxyApi;
  readonly created: string[];
}

/**
 * Connects one server (`url`, or a new embedded proxy when undefined), checks it answers and
 * creates `proxies` on it, noting in `server` what it started and created.
 */
async function connectServer(
  url: string | undefined,
  proxies: readonly ProxyDeclaration[],
  server: Server,
  options: ToxiproxyProviderOptions,
  log: (line: string) => void,
): Promise<ToxiproxyApi> {
  if (url === undefined) {
    const metrics = options.config?.metrics === true;
    server.embedded = await (options.startEmbedded ?? defaultEmbedded)(metrics);
    log(
      `embedded Toxiproxy-compatible proxy on ${server.embedded.url}${metrics ? ` (Prometheus metrics at ${server.embedded.url}/metrics)` : ''}`,
    );
  }
  const client = (options.api ?? toxiproxyClientApi)(url ?? server.embedded?.url ?? '');
  try {
    await client.version();
  } catch (error) {
    throw new RunFailedError(
      'E_TOXIPROXY_UNREACHABLE',
      `Toxiproxy at ${client.url} does not answer: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: 'start it (for example `docker compose up -d toxiproxy`, or `faultline proxy` on that host), fix the url, or remove toxiproxy.url to use the embedded proxy',
      },
    );
  }
  if (proxies.length > 0) {
    const before = new Set((await client.proxies()).map((p) => p.name));
    server.owner = client;
    try {
      await client.populate(
        proxies.map((p) => ({ name: p.name, listen: p.listen, upstream: p.upstream, enabled: p.enabled })),
      );
    } catch (error) {
      throw new RunFailedError(
        'E_TOXIPROXY_POPULATE',
        `toxiproxy.proxies: Toxiproxy at ${client.url} could not create them: ${error instanceof Error ? error.message : String(error)}`,
        { hint: 'each proxy needs a listen address that is free where the proxy server runs' },
      );
    } finally {
      // A populate that fails part-way may have created some: they are ours to remove too.
      const now = await client.proxies().catch(() => []);
      const ours = new Set(proxies.map((p) => p.name));
      server.created.push(...now.map((p) => p.name).filter((n) => ours.has(n) && !before.has(n)));
    }
  }
  return client;
}

async function down(client: ToxiproxyApi, name: string, ctx: FaultContext): Promise<FaultHandle> {
  const before = await client.proxy(name);
  if (!before) throw new RunFailedError('E_PROXY_MISSING', `proxy ${name} disappeared`);
  if (before.enabled) await client.setEnabled(before, false);
  // The proxy is disabled from here on: a read-back that fails is weak evidence, not a failed
  // inject (the fault must still be reverted, and the watch notices if the server went away).
  const after = await readBack(() => client.proxy(name));
  const evidence: Evidence[] = [
    {
      check: 'proxy enabled',
      ok: !(after instanceof Error) && after?.enabled === false,
      detail:
        after instanceof Error
          ? `could not read the proxy back: ${after.message}`
          : `enabled=${String(after?.enabled)}${before.enabled ? '' : ' (was already disabled)'}`,
      atMs: ctx.now(),
    },
  ];
  return faultHandle(
    evidence,
    async () => {
      if (!before.enabled) return { evidence: [] };
      const current = await client.proxy(name);
      if (current && !current.enabled) await client.setEnabled(current, true);
      const back = await client.proxy(name);
      return {
        evidence: [
          {
            check: 'proxy enabled',
            ok: back?.enabled === true,
            detail: `enabled=${String(back?.enabled)}`,
            atMs: ctx.now(),
          },
        ],
      };
    },
    async () => {
      if (!before.enabled) return undefined;
      const now = await client.proxy(name);
      if (!now)
        return `proxy ${name} is gone from the Toxiproxy server at ${client.url} (restarted, or removed by someone else)`;
      return now.enabled ? `proxy ${name} was enabled again (not by faultline)` : undefined;
    },
  );
}

async function toxics(
  client: ToxiproxyApi,
  proxy: string,
  fault: FaultSpec,
  ctx: FaultContext,
  probe: string | undefined,
): Promise<FaultHandle> {
  const wanted = toxicsForFault(fault, ctx.runId);
  const baseline = probe && fault.type === 'latency' ? await timeProbe(probe) : undefined;
  const added: string[] = [];
  try {
    for (const toxic of wanted) {
      await client.addToxic(proxy, toxic);
      added.push(toxic.name);
    }
  } catch (error) {
    for (const name of added) await client.removeToxic(proxy, name).catch(() => false);
    throw error;
  }
  // The toxics are added from here on: a listing that fails is weak evidence, not a failed inject.
  const proxyNow = await readBack(() => client.proxy(proxy));
  const listed = proxyNow instanceof Error ? [] : (proxyNow?.toxics ?? []);
  const evidence: Evidence[] = wanted.map((t) => {
    const seen = listed.find((l) => l.name === t.name);
    return {
      check: 'toxic listed',
      ok: seen !== undefined,
      detail: seen
        ? `${t.name}: ${seen.type} ${seen.stream} ${JSON.stringify(seen.attributes)} toxicity ${seen.toxicity}`
        : proxyNow instanceof Error
          ? `${t.name} added, but the proxy could not be read back: ${proxyNow.message}`
          : `${t.name} missing`,
      atMs: ctx.now(),
    };
  });
  if (baseline !== undefined && probe && fault.type === 'latency') {
    const slowed = await readBack(() => timeProbe(probe));
    evidence.push({
      check: 'probe slower',
      ok: !(slowed instanceof Error) && slowed - baseline >= fault.latency * 0.5,
      detail:
        slowed instanceof Error
          ? `${probe}: median ${baseline.toFixed(1)} ms before; the probe failed after the toxic was added: ${slowed.message}`
          : `${probe}: median ${baseline.toFixed(1)} ms before, ${slowed.toFixed(1)} ms after (+${fault.latency} ms injected)`,
      atMs: ctx.now(),
    });
  }
  return faultHandle(
    evidence,
    async () => {
      for (const name of added) await client.removeToxic(proxy, name);
      const left = ((await client.proxy(proxy))?.toxics ?? []).filter((t) => added.includes(t.name));
      return {
        evidence: [
          {
            check: 'toxics removed',
            ok: left.length === 0,
            detail:
              left.length === 0
                ? `${added.join(', ')} gone`
                : `still listed: ${left.map((t) => t.name).join(', ')}`,
            atMs: ctx.now(),
          },
        ],
      };
    },
    async () => {
      const now = await client.proxy(proxy);
      if (!now)
        return `proxy ${proxy} is gone from the Toxiproxy server at ${client.url} (restarted, or removed by someone else), and its toxics with it`;
      const missing = added.filter((n) => !now.toxics.some((t) => t.name === n));
      return missing.length > 0 ? `toxic ${missing.join(', ')} is no longer on proxy ${proxy}` : undefined;
    },
  );
}

/** Median time of three GETs of a probe URL, in ms. */
async function timeProbe(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await probeOnce(url, 5000, { anyStatus: true });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1] ?? NaN;
}
