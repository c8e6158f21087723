import { Toxiproxy, type ICreateToxicBody } from 'toxiproxy-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import { Opened, portOf, tryConnect } from './proxy-fixtures.ts';

const opened = new Opened();
afterEach(() => opened.closeAll());

/** An embedded server, a client on it, and an echo server to proxy to. */
async function setup() {
  const server = await opened.proxyServer();
  const echo = await opened.echoServer();
  return { client: new Toxiproxy(server.url), upstream: `127.0.0.1:${echo.port}` };
}

/** Sends `text` through 127.0.0.1:`port` and resolves what comes back (echo). */
async function roundTrip(port: number, text: string): Promise<string> {
  const socket = await opened.client(port);
  socket.write(text);
  const reply = await new Promise<string>((resolve) =>
    socket.once('data', (d: Buffer) => resolve(d.toString())),
  );
  socket.destroy();
  return reply;
}

describe('toxiproxy-node-client against the embedded proxy: proxies', () => {
  it('creates, gets and lists proxies; listen is the address actually bound', async () => {
    const { client, upstream } = await setup();
    const created = await client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream });
    expect(created.listen).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(portOf(created.listen)).toBeGreaterThan(0);
    expect(created.toJson()).toEqual({ name: 'db', listen: created.listen, upstream, enabled: true });
    const got = await client.get('db');
    expect(got.toJson()).toEqual(created.toJson());
    await client.createProxy({ name: 'cache', listen: 'localhost:0', upstream });
    const all = await client.getAll();
    expect(Object.keys(all)).toEqual(['cache', 'db']);
    expect(all.cache?.listen).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await roundTrip(portOf(created.listen), 'ping')).toBe('ping');
  });

  it('rejects a duplicate proxy with 409 and a missing one with 404', async () => {
    const { client, upstream } = await setup();
    await client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream });
    await expect(client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream })).rejects.toThrow(/409/);
    await expect(client.get('nope')).rejects.toThrow(/404/);
  });

  it('populates: creates new names, keeps unchanged proxies (toxics survive), replaces changed ones', async () => {
    const { client, upstream } = await setup();
    const first = await client.populate([
      { name: 'a', listen: '127.0.0.1:0', upstream },
      { name: 'b', listen: '127.0.0.1:0', upstream, enabled: false },
    ]);
    expect(Object.keys(first).sort()).toEqual(['a', 'b']);
    expect(first.b?.enabled).toBe(false);
    expect(first.b?.listen).toBe('127.0.0.1:0');
    const listenA = first.a?.listen ?? '';
    await (
      await client.get('a')
    ).addToxic({
      name: 'slow',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 1, jitter: 0 },
    });
    const again = await client.populate([{ name: 'a', listen: listenA, upstream }]);
    expect(again.a?.listen).toBe(listenA);
    expect((await client.get('a')).toJson()).toMatchObject({ listen: listenA, enabled: true });
    await expect((await client.get('a')).getToxic('slow')).resolves.toMatchObject({ name: 'slow' });
    const echo2 = await opened.echoServer();
    await client.populate([{ name: 'a', listen: listenA, upstream: `127.0.0.1:${echo2.port}` }]);
    await expect((await client.get('a')).getToxic('slow')).rejects.toThrow(/404/);
    expect((await client.get('a')).upstream).toBe(`127.0.0.1:${echo2.port}`);
  });

  it('updates: disable refuses connections, re-enable listens on the same port, a new upstream takes effect', async () => {
    const { client, upstream } = await setup();
    const proxy = await client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream });
    const port = portOf(proxy.listen);
    const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream });
    expect(disabled.enabled).toBe(false);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    const enabled = await disabled.update({ enabled: true, listen: disabled.listen, upstream });
    expect(enabled.toJson()).toEqual({ name: 'db', listen: proxy.listen, upstream, enabled: true });
    expect(await roundTrip(port, 'back')).toBe('back');
    const shouting = await opened.tcpServer((s) =>
      s.on('data', (d: Buffer) => s.write(d.toString().toUpperCase())),
    );
    const moved = await enabled.update({
      enabled: true,
      listen: enabled.listen,
      upstream: `127.0.0.1:${shouting.port}`,
    });
    expect(moved.listen).toBe(proxy.listen);
    expect(await roundTrip(port, 'quiet')).toBe('QUIET');
  });

  it('removes a proxy: it is gone and its port refuses connections', async () => {
    const { client, upstream } = await setup();
    const proxy = await client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream });
    await proxy.remove();
    await expect(client.get('db')).rejects.toThrow(/404/);
    expect(await tryConnect(portOf(proxy.listen))).toBe('ECONNREFUSED');
    expect(await client.getAll()).toEqual({});
  });

  it('reports the version and resets: proxies enabled again, toxics gone, live connections kept', async () => {
    const { client, upstream } = await setup();
    expect(await client.getVersion()).toBe('{"version": "2.12.0"}\n');
    const a = await client.createProxy({ name: 'a', listen: '127.0.0.1:0', upstream });
    const b = await client.createProxy({ name: 'b', listen: '127.0.0.1:0', upstream });
    await a.addToxic({
      name: 'noop',
      type: 'slow_close',
      stream: 'upstream',
      toxicity: 1,
      attributes: { delay: 1 },
    });
    const live = await opened.client(portOf(a.listen));
    await b.update({ enabled: false, listen: b.listen, upstream });
    await client.reset();
    expect((await client.get('b')).enabled).toBe(true);
    expect(await roundTrip(portOf(b.listen), 'b')).toBe('b');
    await expect((await client.get('a')).getToxic('noop')).rejects.toThrow(/404/);
    live.write('still here');
    expect(await new Promise((r) => live.once('data', (d: Buffer) => r(d.toString())))).toBe('still here');
  });
});

const everyToxic: {
  type: ICreateToxicBody<unknown>['type'] | 'noop';
  attributes: Record<string, number>;
  update: Record<string, number>;
}[] = [
  { type: 'latency', attributes: { latency: 10, jitter: 2 }, update: { jitter: 5 } },
  { type: 'bandwidth', attributes: { rate: 100 }, update: { rate: 200 } },
  { type: 'slow_close', attributes: { delay: 10 }, update: { delay: 20 } },
  { type: 'timeout', attributes: { timeout: 100 }, update: { timeout: 0 } },
  { type: 'reset_peer', attributes: { timeout: 10 }, update: { timeout: 20 } },
  { type: 'slicer', attributes: { average_size: 10, size_variation: 2, delay: 5 }, update: { delay: 50 } },
  { type: 'limit_data', attributes: { bytes: 100 }, update: { bytes: 200 } },
  { type: 'noop', attributes: {}, update: {} },
];

describe('toxiproxy-node-client against the embedded proxy: toxics', () => {
  it.each(everyToxic)(
    '$type: created, read, updated (attributes merged), removed',
    async ({ type, attributes, update }) => {
      const { client, upstream } = await setup();
      const proxy = await client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream });
      const body = {
        name: `t-${type}`,
        type,
        stream: 'upstream',
        toxicity: 0.5,
        attributes,
      } as ICreateToxicBody<Record<string, number>>;
      const toxic = await proxy.addToxic(body);
      expect(toxic.toJson()).toEqual({
        name: `t-${type}`,
        type,
        stream: 'upstream',
        toxicity: 0.5,
        attributes,
      });
      expect((await proxy.getToxic(`t-${type}`)).toJson()).toEqual(toxic.toJson());
      const updated = await toxic.update({ ...body, toxicity: 1, attributes: update });
      expect(updated.toJson()).toEqual({
        name: `t-${type}`,
        type,
        stream: 'upstream',
        toxicity: 1,
        attributes: { ...attributes, ...update },
      });
      await updated.remove();
      await expect(proxy.getToxic(`t-${type}`)).rejects.toThrow(/404/);
    },
  );

  it('rejects a duplicate toxic name (either stream) with 409, an unknown toxic with 404, an unknown type with 400', async () => {
    const { client, upstream } = await setup();
    const proxy = await client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream });
    const body = {
      name: 'slow',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 5, jitter: 0 },
    } as const;
    await proxy.addToxic(body);
    await expect(proxy.addToxic(body)).rejects.toThrow(/409/);
    await expect(proxy.addToxic({ ...body, stream: 'upstream' })).rejects.toThrow(/409/);
    await expect(proxy.getToxic('missing')).rejects.toThrow(/404/);
    await expect(proxy.addToxic({ ...body, name: 'x', type: 'corrupt' as 'latency' })).rejects.toThrow(/400/);
  });
});
