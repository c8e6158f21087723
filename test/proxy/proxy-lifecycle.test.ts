import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { Toxiproxy, type ICreateToxicBody } from 'toxiproxy-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import { Opened, patternBytes, portOf, readAll, sleep, tryConnect } from './proxy-fixtures.ts';

const opened = new Opened();
afterEach(() => opened.closeAll());

/** Resolves when `socket` closes, with the ms since `since`. */
const closedAfter = (socket: Socket, since = performance.now()) =>
  new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - since)));

/** Sends `text` and resolves the echo, or rejects after `ms`. */
async function echoed(socket: Socket, text: string, ms = 2000): Promise<string> {
  socket.write(text);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no echo within ${ms} ms`)), ms);
    socket.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(d.toString());
    });
  });
}

/**
 * A listener on 127.0.0.1 that completes no more handshakes: a child process listening with
 * backlog 1, stopped (SIGSTOP), its accept queue filled. Connecting to it hangs.
 */
async function hangingUpstream(): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>console.log(s.address().port))",
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const pid = child.pid ?? 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  opened.closers.push(async () => {
    process.kill(pid, 'SIGKILL');
    await exited;
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
  );
  process.kill(pid, 'SIGSTOP');
  for (let i = 0; i < 4; i++) {
    const filler = connect(port, '127.0.0.1').on('error', () => undefined);
    opened.closers.push(() => void filler.destroy());
  }
  await sleep(100);
  return port;
}

describe('connections and listeners', () => {
  it('disabling closes live connections and refuses new ones; deleting does the same', async () => {
    const echo = await opened.echoServer();
    const server = await opened.proxyServer();
    const client = new Toxiproxy(server.url);
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${echo.port}`,
    });
    const port = portOf(proxy.listen);
    const live = await opened.client(port);
    expect(await echoed(live, 'hi')).toBe('hi');
    const liveClosed = closedAfter(live);
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    expect(await liveClosed).toBeLessThan(1000);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    const back = await (
      await client.get('p')
    ).update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    const second = await opened.client(port);
    expect(await echoed(second, 'again')).toBe('again');
    const secondClosed = closedAfter(second);
    await back.remove();
    expect(await secondClosed).toBeLessThan(1000);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it('closes the client at once when the upstream refuses', async () => {
    const server = await opened.proxyServer();
    const unused = await opened.tcpServer(() => undefined);
    await new Promise((resolve) => unused.server.close(resolve)); // now nothing listens on that port
    const proxy = await new Toxiproxy(server.url).createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${unused.port}`,
    });
    const socket = await opened.client(portOf(proxy.listen));
    expect(await closedAfter(socket)).toBeLessThan(1000);
  });

  it('keeps accepting while an upstream hangs, and closes the stuck clients after the dial timeout', async () => {
    const stuckPort = await hangingUpstream();
    expect(await Promise.race([tryConnect(stuckPort), sleep(300).then(() => 'pending')])).toBe('pending');
    const echo = await opened.echoServer();
    const server = await opened.proxyServer({ dialTimeoutMs: 1500 });
    const client = new Toxiproxy(server.url);
    const stuck = await client.createProxy({
      name: 'stuck',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${stuckPort}`,
    });
    const fine = await client.createProxy({
      name: 'fine',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${echo.port}`,
    });
    const started = performance.now();
    const waiting = await Promise.all([1, 2, 3, 4, 5].map(() => opened.client(portOf(stuck.listen))));
    const closings = waiting.map((s) => closedAfter(s, started));
    const other = await opened.client(portOf(fine.listen));
    const rtt0 = performance.now();
    expect(await echoed(other, 'not blocked')).toBe('not blocked');
    expect(performance.now() - rtt0).toBeLessThan(300);
    expect(await client.getVersion()).toContain('version');
    const times = await Promise.all(closings);
    for (const ms of times) {
      expect(ms).toBeGreaterThan(1300);
      expect(ms).toBeLessThan(4000);
    }
  });

  it('close() stops the API, every listener and every connection, within a few seconds', async () => {
    const echo = await opened.echoServer();
    const server = await opened.proxyServer();
    const proxy = await new Toxiproxy(server.url).createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${echo.port}`,
    });
    await proxy.addToxic({
      name: 'hold',
      type: 'bandwidth',
      stream: 'downstream',
      toxicity: 1,
      attributes: { rate: 0 },
    });
    const live = await opened.client(portOf(proxy.listen));
    live.write(patternBytes(100_000));
    await sleep(100);
    const liveClosed = closedAfter(live);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(3500);
    expect(await liveClosed).toBeLessThan(3500);
    expect(await tryConnect(portOf(proxy.listen))).toBe('ECONNREFUSED');
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
  });
});

describe('hostile attributes', () => {
  const cases: {
    what: string;
    toxic: { type: string; attributes: Record<string, number> };
    flows: boolean;
  }[] = [
    {
      what: 'slicer average_size 0',
      toxic: { type: 'slicer', attributes: { average_size: 0, size_variation: 0, delay: 0 } },
      flows: true,
    },
    {
      what: 'slicer size_variation > average_size',
      toxic: { type: 'slicer', attributes: { average_size: 3, size_variation: 500, delay: 0 } },
      flows: true,
    },
    {
      what: 'slicer negative sizes and delay',
      toxic: { type: 'slicer', attributes: { average_size: -5, size_variation: -7, delay: -1 } },
      flows: true,
    },
    {
      what: 'latency negative',
      toxic: { type: 'latency', attributes: { latency: -1000, jitter: -50 } },
      flows: true,
    },
    { what: 'slow_close negative', toxic: { type: 'slow_close', attributes: { delay: -10 } }, flows: true },
    {
      what: 'bandwidth rate < 0 (stalls)',
      toxic: { type: 'bandwidth', attributes: { rate: -100 } },
      flows: false,
    },
    {
      what: 'latency beyond the timer range (holds)',
      toxic: {
        type: 'latency',
        attributes: { latency: 9_007_199_254_740_991, jitter: 9_007_199_254_740_991 },
      },
      flows: false,
    },
    {
      what: 'timeout negative (never closes)',
      toxic: { type: 'timeout', attributes: { timeout: -1 } },
      flows: false,
    },
  ];

  it.each(cases)(
    '$what: accepted, no crash, data safe (intact once the toxic is removed)',
    async ({ toxic, flows }) => {
      const payload = patternBytes(30_000, 2);
      const upstream = await opened.tcpServer((socket) => socket.end(payload));
      const server = await opened.proxyServer();
      const proxy = await new Toxiproxy(server.url).createProxy({
        name: 'p',
        listen: '127.0.0.1:0',
        upstream: `127.0.0.1:${upstream.port}`,
      });
      const added = await proxy.addToxic({
        name: 't',
        stream: 'downstream',
        toxicity: 1,
        ...toxic,
      } as ICreateToxicBody<Record<string, number>>);
      const socket = await opened.client(portOf(proxy.listen));
      const received = readAll(socket);
      if (!flows) {
        await sleep(300);
        expect(socket.bytesRead).toBe(0);
        await added.remove();
      }
      const { data } = await received;
      if (toxic.type !== 'timeout') expect(data.equals(payload)).toBe(true);
      expect(await new Toxiproxy(server.url).getVersion()).toContain('version');
    },
  );

  it('limit_data negative closes on the first chunk without forwarding it', async () => {
    const upstream = await opened.tcpServer((socket) => socket.write('hello'));
    const server = await opened.proxyServer();
    const proxy = await new Toxiproxy(server.url).createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    await proxy.addToxic({
      name: 't',
      type: 'limit_data',
      stream: 'downstream',
      toxicity: 1,
      attributes: { bytes: -5 },
    });
    expect((await readAll(await opened.client(portOf(proxy.listen)))).data.length).toBe(0);
  });
});
