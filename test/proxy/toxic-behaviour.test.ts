import type { Socket } from 'node:net';
import { Toxiproxy, type ICreateToxicBody, type Proxy } from 'toxiproxy-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import { median, Opened, patternBytes, portOf, readAll, sleep } from './proxy-fixtures.ts';

const opened = new Opened();
afterEach(() => opened.closeAll());

type ToxicBody = Omit<ICreateToxicBody<Record<string, number>>, 'type' | 'name' | 'stream' | 'toxicity'> &
  Partial<Pick<ICreateToxicBody<unknown>, 'name' | 'stream' | 'toxicity'>> & { type: string };

/** An embedded proxy in front of `upstreamPort`, with `toxics` added before any connection. */
async function proxyTo(
  upstreamPort: number,
  ...toxics: ToxicBody[]
): Promise<{ proxy: Proxy; port: number }> {
  const server = await opened.proxyServer();
  const proxy = await new Toxiproxy(server.url).createProxy({
    name: 'p',
    listen: '127.0.0.1:0',
    upstream: `127.0.0.1:${upstreamPort}`,
  });
  for (const toxic of toxics) await addToxic(proxy, toxic);
  return { proxy, port: portOf(proxy.listen) };
}

function addToxic(proxy: Proxy, toxic: ToxicBody) {
  return proxy.addToxic({ name: toxic.type, stream: 'downstream', toxicity: 1, ...toxic } as ICreateToxicBody<
    Record<string, number>
  >);
}

/** Milliseconds for `text` to go out and come back through an echo; rejects after 5 s. */
async function roundTrip(socket: Socket, text = 'ping'): Promise<number> {
  const started = performance.now();
  socket.write(text);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no echo of ${text} within 5 s`)), 5000);
    socket.once('data', () => resolve(clearTimeout(timer)));
  });
  return performance.now() - started;
}

/** Resolves when `socket` closes: elapsed ms since `since`, and the error code if any. */
function closed(
  socket: Socket,
  since = performance.now(),
): Promise<{ ms: number; code: string | undefined }> {
  let code: string | undefined;
  socket.once('error', (e: NodeJS.ErrnoException) => {
    code = e.code;
  });
  return new Promise((resolve) =>
    socket.once('close', () => resolve({ ms: performance.now() - since, code })),
  );
}

describe('latency', () => {
  it('adds latency ± jitter to each round trip, measured from arrival; two latency toxics add up', async () => {
    const echo = await opened.echoServer();
    const { proxy, port } = await proxyTo(echo.port);
    const socket = await opened.client(port);
    const base = median([await roundTrip(socket), await roundTrip(socket), await roundTrip(socket)]);
    expect(base).toBeLessThan(20);
    await addToxic(proxy, { type: 'latency', attributes: { latency: 100, jitter: 10 } });
    const samples: number[] = [];
    for (let i = 0; i < 25; i++) samples.push(await roundTrip(socket));
    expect(median(samples)).toBeGreaterThan(95);
    expect(median(samples)).toBeLessThan(112);
    expect(Math.min(...samples)).toBeGreaterThan(88);
    expect(Math.max(...samples)).toBeLessThan(140);
    expect(Math.max(...samples) - Math.min(...samples)).toBeGreaterThan(3); // jitter spreads them
    await addToxic(proxy, {
      type: 'latency',
      name: 'more',
      stream: 'upstream',
      attributes: { latency: 50, jitter: 0 },
    });
    const both = [await roundTrip(socket), await roundTrip(socket), await roundTrip(socket)];
    expect(median(both)).toBeGreaterThan(140);
    expect(median(both)).toBeLessThan(175);
  });

  it('acts on a live connection at once; removing or updating it releases what it holds without waiting', async () => {
    const echo = await opened.echoServer();
    const { proxy, port } = await proxyTo(echo.port);
    const socket = await opened.client(port);
    await roundTrip(socket);
    const toxic = await addToxic(proxy, { type: 'latency', attributes: { latency: 10_000, jitter: 0 } });
    const held = roundTrip(socket, 'held');
    await sleep(150);
    await toxic.remove();
    expect(await held).toBeLessThan(1000);
    const again = await addToxic(proxy, { type: 'latency', attributes: { latency: 10_000, jitter: 0 } });
    const updated = roundTrip(socket, 'updated');
    await sleep(150);
    await again.update({ ...again.toJson(), attributes: { latency: 0, jitter: 0 } });
    expect(await updated).toBeLessThan(1000);
  });

  it('with toxicity 0 never acts, with toxicity 1 always, and in between on about that share of connections', async () => {
    const echo = await opened.echoServer();
    const { proxy, port } = await proxyTo(echo.port, {
      type: 'latency',
      attributes: { latency: 60, jitter: 0 },
      toxicity: 0,
    });
    expect(await roundTrip(await opened.client(port))).toBeLessThan(40);
    await (
      await proxy.getToxic('latency')
    ).update({ ...(await proxy.getToxic('latency')).toJson(), toxicity: 0.5 });
    const slow = await Promise.all(
      Array.from({ length: 40 }, async () => (await roundTrip(await opened.client(port))) > 50),
    );
    const count = slow.filter(Boolean).length;
    expect(count).toBeGreaterThan(6);
    expect(count).toBeLessThan(34);
  });
});

describe('bandwidth', () => {
  it('limits the link to the rate within 10% (1 KB = 1000 B)', async () => {
    const payload = patternBytes(1_500_000);
    const upstream = await opened.tcpServer((socket) => socket.end(payload));
    const { port } = await proxyTo(upstream.port, { type: 'bandwidth', attributes: { rate: 1000 } });
    const started = performance.now();
    const { data } = await readAll(await opened.client(port));
    const kbPerSecond = data.length / (performance.now() - started);
    expect(data.equals(payload)).toBe(true);
    expect(kbPerSecond).toBeGreaterThan(900);
    expect(kbPerSecond).toBeLessThan(1100);
  });
});

describe('timeout', () => {
  it('drops the data and closes the connection once no data has arrived for `timeout` ms (timer restarts per chunk)', async () => {
    const echo = await opened.echoServer();
    const { port } = await proxyTo(echo.port, { type: 'timeout', attributes: { timeout: 500 } });
    const socket = await opened.client(port);
    const started = performance.now();
    const received = readAll(socket);
    socket.write('a');
    await sleep(300);
    socket.write('b'); // its echo restarts the timer
    const { data } = await received;
    const elapsed = performance.now() - started;
    expect(data.length).toBe(0);
    expect(elapsed).toBeGreaterThan(750);
    expect(elapsed).toBeLessThan(2000);
  });

  it('with timeout 0 swallows data and keeps the connection; removing the toxic closes it', async () => {
    const echo = await opened.echoServer();
    const { proxy, port } = await proxyTo(echo.port, { type: 'timeout', attributes: { timeout: 0 } });
    const socket = await opened.client(port);
    const received = readAll(socket);
    socket.write('lost');
    await sleep(400);
    expect(socket.destroyed).toBe(false);
    await (await proxy.getToxic('timeout')).remove();
    const { data } = await received;
    expect(data.length).toBe(0);
  });
});

describe('reset_peer', () => {
  it('answers the first chunk with a TCP RST (ECONNRESET), after `timeout` ms', async () => {
    const echo = await opened.echoServer();
    const { port } = await proxyTo(echo.port, { type: 'reset_peer', attributes: { timeout: 200 } });
    const socket = await opened.client(port);
    const started = performance.now();
    const received = readAll(socket);
    const end = closed(socket, started);
    socket.write('x');
    const { ms, code } = await end;
    expect(code).toBe('ECONNRESET');
    expect(ms).toBeGreaterThan(180);
    expect(ms).toBeLessThan(1500);
    expect((await received).data.length).toBe(0);
  });

  it('resets a connection opened before the toxic was added; with toxicity 0 it never resets', async () => {
    const echo = await opened.echoServer();
    const { proxy, port } = await proxyTo(echo.port);
    const early = await opened.client(port);
    await addToxic(proxy, { type: 'reset_peer', attributes: { timeout: 0 } });
    const end = closed(early);
    early.write('x');
    expect((await end).code).toBe('ECONNRESET');
    await (
      await proxy.getToxic('reset_peer')
    ).update({ ...(await proxy.getToxic('reset_peer')).toJson(), toxicity: 0 });
    const spared = await opened.client(port);
    expect(await roundTrip(spared, 'safe')).toBeLessThan(500);
  });
});

describe('limit_data', () => {
  it('forwards exactly `bytes` bytes (cutting the crossing chunk), then closes — in either direction', async () => {
    const payload = patternBytes(50_000, 5);
    const received: Buffer[] = [];
    const upstream = await opened.tcpServer((socket) => {
      socket.write(payload);
      void readAll(socket).then((r) => received.push(r.data));
    });
    const { port } = await proxyTo(
      upstream.port,
      { type: 'limit_data', attributes: { bytes: 12_345 } },
      { type: 'limit_data', name: 'up', stream: 'upstream', attributes: { bytes: 777 } },
    );
    const socket = await opened.client(port);
    socket.write(patternBytes(1000, 9));
    const { data } = await readAll(socket);
    expect(data.length).toBe(12_345);
    expect(data.equals(payload.subarray(0, 12_345))).toBe(true);
    await sleep(50);
    expect(received[0]?.equals(patternBytes(1000, 9).subarray(0, 777))).toBe(true);
  });
});

describe('slicer', () => {
  it('cuts chunks into small pieces sent apart that reassemble exactly', async () => {
    const payload = patternBytes(40_000, 3);
    const upstream = await opened.tcpServer((socket) => socket.end(payload));
    const { port } = await proxyTo(upstream.port, {
      type: 'slicer',
      attributes: { average_size: 100, size_variation: 40, delay: 500 },
    });
    const socket = await opened.client(port);
    let reads = 0;
    socket.on('data', () => reads++);
    const { data } = await readAll(socket);
    expect(data.equals(payload)).toBe(true);
    expect(reads).toBeGreaterThan(20); // 400 pieces 0.5 ms apart cannot arrive as one read
  });
});

describe('slow_close', () => {
  it('passes data at once and holds the close back `delay` ms', async () => {
    const upstream = await opened.tcpServer((socket) => socket.end('bye'));
    const { port } = await proxyTo(upstream.port, { type: 'slow_close', attributes: { delay: 600 } });
    const started = performance.now();
    const socket = await opened.client(port);
    const first = new Promise<number>((resolve) =>
      socket.once('data', () => resolve(performance.now() - started)),
    );
    const { data } = await readAll(socket);
    const total = performance.now() - started;
    expect(data.toString()).toBe('bye');
    expect(await first).toBeLessThan(300);
    expect(total).toBeGreaterThan(580);
    expect(total).toBeLessThan(2000);
  });
});

describe('noop and half-close', () => {
  it('passes data unchanged and carries a half-close both ways', async () => {
    const upstream = await opened.tcpServer(
      (socket) => {
        void readAll(socket).then(({ data }) => socket.end(Buffer.concat([Buffer.from('got '), data])));
      },
      { allowHalfOpen: true },
    );
    const { port } = await proxyTo(
      upstream.port,
      { type: 'noop', attributes: {} },
      { type: 'noop', name: 'n2', stream: 'upstream', attributes: {} },
    );
    const socket = await opened.client(port);
    socket.end('request');
    expect((await readAll(socket)).data.toString()).toBe('got request');
  });
});
