import { Toxiproxy, type ICreateToxicBody } from 'toxiproxy-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../src/experiment/schema.ts';
import { createToxiproxyProvider } from '../../src/faults/toxiproxy/toxiproxy-provider.ts';
import { Opened, patternBytes, portOf, readAll, tryConnect } from './proxy-fixtures.ts';
import { parseExposition, sampleValue, type Exposition } from './prometheus-text.ts';

const opened = new Opened();
afterEach(() => opened.closeAll());

async function scrape(url: string): Promise<{ status: number; type: string | null; exposition: Exposition }> {
  const response = await fetch(`${url}/metrics`);
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    exposition: parseExposition(text),
  };
}

/** Sends `request` through the proxy on `port`; resolves everything the upstream answers until it closes. */
async function exchange(port: number, request: Buffer): Promise<Buffer> {
  const socket = await opened.client(port);
  socket.end(request);
  const { data } = await readAll(socket);
  return data;
}

describe('/metrics: Prometheus text exposition', () => {
  it('is an unknown path unless metrics were asked for, as on Toxiproxy', async () => {
    const server = await opened.proxyServer();
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('404 page not found\n');
  });

  it('moves the byte counters by exactly the bytes sent through the proxy in each direction', async () => {
    const request = patternBytes(300_000, 3);
    const reply = patternBytes(1_234_567, 5);
    const upstream = await opened.tcpServer((socket) => {
      let got = 0;
      socket.on('data', (d: Buffer) => {
        got += d.length;
        if (got === request.length) socket.end(reply);
      });
    });
    const server = await opened.proxyServer({ proxyMetrics: true });
    const proxy = await new Toxiproxy(server.url).createProxy({
      name: 'db',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    const labels = (direction: string) => ({
      direction,
      proxy: 'db',
      listener: proxy.listen,
      upstream: `127.0.0.1:${upstream.port}`,
    });
    const before = await scrape(server.url);
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.exposition.types.get('toxiproxy_proxy_received_bytes_total')).toBe('counter');
    expect(before.exposition.types.get('toxiproxy_proxy_sent_bytes_total')).toBe('counter');
    // Proxy metrics alone: no runtime metrics.
    expect(before.exposition.samples.some((s) => s.name.startsWith('process_'))).toBe(false);

    const first = await exchange(portOf(proxy.listen), request);
    expect(first.equals(reply)).toBe(true);
    const second = await exchange(portOf(proxy.listen), request);
    expect(second.length).toBe(reply.length);

    const after = (await scrape(server.url)).exposition;
    for (const counter of ['toxiproxy_proxy_received_bytes_total', 'toxiproxy_proxy_sent_bytes_total']) {
      const moved = (direction: string) =>
        sampleValue(after, counter, labels(direction)) -
        sampleValue(before.exposition, counter, labels(direction));
      expect(moved('upstream')).toBe(2 * request.length);
      expect(moved('downstream')).toBe(2 * reply.length);
    }
  });

  it('serves runtime metrics with --runtime-metrics alone, without the byte counters', async () => {
    const server = await opened.proxyServer({ runtimeMetrics: true });
    const { status, exposition } = await scrape(server.url);
    expect(status).toBe(200);
    expect(exposition.samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(exposition.samples.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
    expect(exposition.types.has('toxiproxy_proxy_sent_bytes_total')).toBe(false);
  });
});

describe('end to end, as upstream Toxiproxy checks it: create, every toxic, toggle, scrape', () => {
  it('runs the whole sequence against one proxy and the counters account for it', async () => {
    const echo = await opened.echoServer();
    const server = await opened.proxyServer({ proxyMetrics: true, runtimeMetrics: true });
    const client = new Toxiproxy(server.url);
    const upstream = `127.0.0.1:${echo.port}`;
    const proxy = await client.createProxy({ name: 'shop', listen: '127.0.0.1:0', upstream });
    const port = portOf(proxy.listen);
    const roundTrip = async (text: string): Promise<string> => {
      const socket = await opened.client(port);
      socket.write(text);
      const got = await readAll(socket, text.length);
      socket.destroy();
      return got.data.toString();
    };
    expect(await roundTrip('hello')).toBe('hello');

    const kinds: { type: string; attributes: Record<string, number> }[] = [
      { type: 'latency', attributes: { latency: 20, jitter: 5 } },
      { type: 'bandwidth', attributes: { rate: 100 } },
      { type: 'slow_close', attributes: { delay: 10 } },
      { type: 'timeout', attributes: { timeout: 100 } },
      { type: 'reset_peer', attributes: { timeout: 10 } },
      { type: 'slicer', attributes: { average_size: 2, size_variation: 1, delay: 10 } },
      { type: 'limit_data', attributes: { bytes: 3 } },
      { type: 'noop', attributes: {} },
    ];
    const toxics: ICreateToxicBody<unknown>[] = kinds.map((t) => ({
      type: t.type as ICreateToxicBody<unknown>['type'], // the client's type list lacks noop
      attributes: t.attributes,
      stream: 'downstream',
      toxicity: 1,
      name: `e2e_${t.type}`,
    }));
    const passesData: Record<string, (reply: string) => boolean> = {
      latency: (r) => r === 'toxic',
      bandwidth: (r) => r === 'toxic',
      slow_close: (r) => r === 'toxic',
      slicer: (r) => r === 'toxic',
      limit_data: (r) => r === 'tox',
      noop: (r) => r === 'toxic',
      timeout: (r) => r === '',
      reset_peer: (r) => r === '',
    };
    for (const body of toxics) {
      const toxic = await proxy.addToxic(body);
      expect(toxic.type).toBe(body.type);
      const reply = await roundTrip('toxic');
      expect({ type: body.type, ok: passesData[body.type]?.(reply) }).toEqual({ type: body.type, ok: true });
      await toxic.remove();
    }
    expect(await (await fetch(`${server.url}/proxies/shop/toxics`)).json()).toEqual([]);

    await proxy.update({ ...proxy.toJson(), enabled: false });
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    const back = await client.get('shop');
    await back.update({ ...back.toJson(), enabled: true });
    expect(await roundTrip('again')).toBe('again');

    const { status, exposition } = await scrape(server.url);
    expect(status).toBe(200);
    const labels = (direction: string) => ({ direction, proxy: 'shop', listener: proxy.listen, upstream });
    const received = (d: string) =>
      sampleValue(exposition, 'toxiproxy_proxy_received_bytes_total', labels(d));
    const sent = (d: string) => sampleValue(exposition, 'toxiproxy_proxy_sent_bytes_total', labels(d));
    // Every byte the clients wrote reached the echo server: 5 + 8 × 5 + 5.
    expect(received('upstream')).toBe(50);
    expect(sent('upstream')).toBe(50);
    // Downstream, timeout and reset_peer swallowed their 5 bytes and limit_data passed 3 of 5.
    expect(sent('downstream')).toBe(50 - 5 - 5 - 2);
    expect(received('downstream')).toBeGreaterThanOrEqual(sent('downstream'));
    expect(exposition.samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
  });
});

describe('the embedded proxy of a run, with toxiproxy: { metrics: true }', () => {
  it('serves /metrics with the byte counters and runtime metrics, and says where', async () => {
    const parsed = experimentSchema.shape.toxiproxy.parse({ metrics: true });
    expect(parsed?.metrics).toBe(true);
    const echo = await opened.echoServer();
    const provider = createToxiproxyProvider({
      config: {
        proxies: [{ name: 'db', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}`, enabled: true }],
        metrics: parsed?.metrics,
      },
    });
    opened.closers.push(() => provider.close?.());
    const lines: string[] = [];
    await provider.preflight?.({ runId: 'r1', now: () => 0, log: (line) => lines.push(line) });
    const url = /\((?:Prometheus metrics at )(http:\/\/[^ )]+)\/metrics\)/.exec(lines.join('\n'))?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { status, exposition } = await scrape(url ?? '');
    expect(status).toBe(200);
    expect(exposition.types.get('toxiproxy_proxy_sent_bytes_total')).toBe('counter');
    expect(exposition.samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
  });
});
