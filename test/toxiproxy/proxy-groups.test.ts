import { Toxiproxy } from 'toxiproxy-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../src/experiment/model.ts';
import { faultSchema } from '../../src/experiment/schema-faults.ts';
import type { FaultContext } from '../../src/faults/fault-provider.ts';
import { createToxiproxyProvider } from '../../src/faults/toxiproxy/toxiproxy-provider.ts';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import { freePort } from '../helpers/free-port.ts';

const ctx: FaultContext = { runId: 'groups-1', now: () => 0, log: () => undefined };
const fault = (fields: Record<string, unknown>) =>
  faultSchema.parse({ name: 'f', target: 't', at: '0', for: '1s', ...fields }) as FaultSpec;

async function toxicsOn(url: string, proxy: string): Promise<{ type: string }[]> {
  return (await (await fetch(`${url}/proxies/${proxy}/toxics`)).json()) as { type: string }[];
}

// Two proxy servers stand for `faultline proxy` running next to a service on each of two hosts.
describe('toxiproxy: each proxy on the server its entry names', () => {
  const servers: ProxyServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('creates each proxy on its own server, puts faults there, and removes the proxies at close', async () => {
    const [east, west] = [
      await startProxyServer({ host: '127.0.0.1', port: 0 }),
      await startProxyServer({ host: '127.0.0.1', port: 0 }),
    ];
    servers.push(east, west);
    const [a, b, up] = [await freePort(), await freePort(), await freePort()];
    const provider = createToxiproxyProvider({
      config: {
        proxies: [
          {
            name: 'orders',
            listen: `127.0.0.1:${a}`,
            upstream: `127.0.0.1:${up}`,
            enabled: true,
            url: east.url,
          },
          {
            name: 'stock',
            listen: `127.0.0.1:${b}`,
            upstream: `127.0.0.1:${up}`,
            enabled: true,
            url: west.url,
          },
        ],
      },
    });
    await provider.preflight?.(ctx);
    const [eastApi, westApi] = [new Toxiproxy(east.url), new Toxiproxy(west.url)];
    expect(Object.keys(await eastApi.getAll())).toEqual(['orders']);
    expect(Object.keys(await westApi.getAll())).toEqual(['stock']);

    const orders = await provider.resolve('orders', { proxy: 'orders' }, ctx);
    const stock = await provider.resolve('stock', { proxy: 'stock' }, ctx);
    const slow = await provider.inject(fault({ type: 'latency', latency: '50ms' }), orders, ctx);
    const down = await provider.inject(fault({ type: 'down' }), stock, ctx);
    expect((await toxicsOn(east.url, 'orders')).map((t) => t.type)).toEqual(['latency']);
    expect((await westApi.get('stock')).enabled).toBe(false);
    await slow.revert();
    await down.revert();
    expect(await toxicsOn(east.url, 'orders')).toEqual([]);
    expect((await westApi.get('stock')).enabled).toBe(true);

    await provider.close?.();
    expect(await eastApi.getAll()).toEqual({});
    expect(await westApi.getAll()).toEqual({});
  });

  it('names the server that does not answer at preflight', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const provider = createToxiproxyProvider({
      config: {
        proxies: [
          { name: 'orders', listen: '127.0.0.1:0', upstream: '127.0.0.1:1', enabled: true, url: dead },
        ],
      },
    });
    await expect(provider.preflight?.(ctx)).rejects.toThrow(`Toxiproxy at ${dead} does not answer`);
    await provider.close?.();
  });
});
