import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../src/experiment/model.ts';
import { faultSchema } from '../../src/experiment/schema-faults.ts';
import type { FaultContext } from '../../src/faults/fault-provider.ts';
import type { ToxiproxyApi } from '../../src/faults/toxiproxy/toxiproxy-api.ts';
import { toxiproxyClientApi } from '../../src/faults/toxiproxy/toxiproxy-client-api.ts';
import { createToxiproxyProvider } from '../../src/faults/toxiproxy/toxiproxy-provider.ts';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import { freePort } from '../helpers/free-port.ts';

const ctx: FaultContext = { runId: 'gone-1', now: () => 0, log: () => undefined };
const fault = (fields: Record<string, unknown>) =>
  faultSchema.parse({ name: 'f', target: 't', at: '0', for: '1s', ...fields }) as FaultSpec;

// A real Toxiproxy-compatible server that stops right after it accepted the change (a toxic
// added, a proxy disabled) and before faultline reads the change back. The change was made, so
// the inject must hand back something to revert and to watch, not report "inject failed" (which
// would leave the change behind with nothing to undo it).
describe('toxiproxy: the server goes away between a change and its read-back', () => {
  let server: ProxyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function setUp(stopAfter: 'addToxic' | 'setEnabled') {
    const port = await freePort();
    server = await startProxyServer({ host: '127.0.0.1', port });
    const [listen, upstream] = [await freePort(), await freePort()];
    const api = (url: string): ToxiproxyApi => {
      const real = toxiproxyClientApi(url);
      const stopping = async <T>(done: Promise<T>) => {
        const result = await done;
        await server?.close();
        server = undefined;
        return result;
      };
      return {
        url: real.url,
        version: () => real.version(),
        proxies: () => real.proxies(),
        proxy: (name) => real.proxy(name),
        populate: (p) => real.populate(p),
        setEnabled: (p, on) =>
          stopAfter === 'setEnabled' ? stopping(real.setEnabled(p, on)) : real.setEnabled(p, on),
        addToxic: (p, t) => (stopAfter === 'addToxic' ? stopping(real.addToxic(p, t)) : real.addToxic(p, t)),
        removeToxic: (p, t) => real.removeToxic(p, t),
        removeProxy: (p) => real.removeProxy(p),
      };
    };
    const url = `http://127.0.0.1:${port}`;
    const provider = createToxiproxyProvider({
      config: {
        url,
        proxies: [
          { name: 'pipe', listen: `127.0.0.1:${listen}`, upstream: `127.0.0.1:${upstream}`, enabled: true },
        ],
      },
      api,
    });
    await provider.preflight?.(ctx);
    const target = await provider.resolve('link', { proxy: 'pipe' }, ctx);
    return { provider, target, port };
  }

  it('a latency toxic: the inject succeeds with evidence that says the read-back failed; the watch sees the proxy gone once the server is back', async () => {
    const { provider, target, port } = await setUp('addToxic');
    const handle = await provider.inject(fault({ type: 'latency', latency: '50ms' }), target, ctx);
    expect(handle.evidence).toHaveLength(1);
    expect(handle.evidence[0]).toMatchObject({ check: 'toxic listed', ok: false });
    expect(handle.evidence[0]?.detail).toMatch(/added, but the proxy could not be read back/);
    // While the server is away the watch cannot check (it notes that); once it is back empty
    // (restarted), the check says the proxy is gone and the revert finds nothing left to remove.
    await expect(handle.check?.()).rejects.toThrow();
    server = await startProxyServer({ host: '127.0.0.1', port });
    expect(await handle.check?.()).toMatch(/proxy pipe is gone/);
    await expect(handle.revert()).resolves.toBeDefined();
  });

  it('a down proxy: the inject succeeds with evidence that says the read-back failed', async () => {
    const { provider, target } = await setUp('setEnabled');
    const handle = await provider.inject(fault({ type: 'down' }), target, ctx);
    expect(handle.evidence[0]).toMatchObject({ check: 'proxy enabled', ok: false });
    expect(handle.evidence[0]?.detail).toMatch(/could not read the proxy back/);
  });
});
