import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import { Opened, patternBytes, portOf, readAll, sha256, sleep } from './proxy-fixtures.ts';

const opened = new Opened();
afterEach(() => opened.closeAll());

/** Bytes per ms each direction is paced to, leaving the event loop room for the API calls. */
const PACE_BYTES_PER_MS = 8 * 1024;

/**
 * Writes pseudo-random chunks (1 B–64 KiB) to `socket`, paced and honouring back-pressure, until
 * `stop()` is true; then ends. Resolves the byte count and sha256 of what it wrote.
 */
async function stream(
  socket: Socket,
  stop: () => boolean,
  seed: number,
): Promise<{ bytes: number; hash: string }> {
  const hash = createHash('sha256');
  const pool = patternBytes(1 << 20, seed);
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; !stop() && !socket.destroyed; i++) {
    const size = 1 + ((i * 7919) % 65536);
    const start = (i * 104729) % (pool.length - size);
    const chunk = pool.subarray(start, start + size);
    hash.update(chunk);
    bytes += size;
    if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve));
    while (bytes > (performance.now() - started) * PACE_BYTES_PER_MS && !stop()) await sleep(2);
  }
  socket.end();
  return { bytes, hash: hash.digest('hex') };
}

/** Reads `socket` to its end; resolves the byte count and sha256. */
function readHashed(socket: Socket): Promise<{ bytes: number; hash: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  return new Promise((resolve) => {
    socket.on('data', (d: Buffer) => {
      bytes += d.length;
      hash.update(d);
    });
    socket.once('end', () => resolve({ bytes, hash: hash.digest('hex') }));
  });
}

describe('data plane: no byte lost or reordered while toxics change', () => {
  it('keeps both directions intact (sha256) through thousands of toxic adds/removes mid-stream', async () => {
    let churnDone = false;
    type Side = { bytes: number; hash: string };
    const serverSide: Promise<{ sent: Side; received: Side }>[] = [];
    const upstream = await opened.tcpServer(
      (socket) => {
        serverSide.push(
          Promise.all([stream(socket, () => churnDone, 7), readHashed(socket)]).then(([sent, received]) => ({
            sent,
            received,
          })),
        );
      },
      { allowHalfOpen: true },
    );
    const server = await opened.proxyServer();
    const client = new Toxiproxy(server.url);
    const proxy = await client.createProxy({
      name: 'churn',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    const socket = await opened.client(portOf(proxy.listen));
    const clientReceived = readHashed(socket);
    const clientSent = stream(socket, () => churnDone, 3);

    let changes = 0;
    const kinds = [
      { type: 'latency', attributes: { latency: 2, jitter: 2 } },
      { type: 'latency', attributes: { latency: 0, jitter: 0 } },
      { type: 'slicer', attributes: { average_size: 4096, size_variation: 1024, delay: 20 } },
      { type: 'bandwidth', attributes: { rate: 200_000 } },
    ] as const;
    for (let round = 0; round < 500; round++) {
      const kind = kinds[round % kinds.length] ?? kinds[0];
      const toxicity = round % 5 === 0 ? 0.5 : 1;
      for (const stream of ['upstream', 'downstream'] as const) {
        const a = await proxy.addToxic({
          name: `a-${stream}`,
          type: kind.type,
          stream,
          toxicity,
          attributes: kind.attributes,
        });
        await proxy.addToxic({
          name: `b-${stream}`,
          type: 'latency',
          stream,
          toxicity: 1,
          attributes: { latency: 1, jitter: 1 },
        });
        if (round % 3 === 0) await a.update({ ...a.toJson(), attributes: kind.attributes }); // restarts a holding stage
      }
      // Removing b first restarts a (its neighbour) while a holds data; removing a first hands a's data to b.
      const order = round % 2 === 0 ? ['b', 'a'] : ['a', 'b'];
      for (const name of order.flatMap((n) => [`${n}-upstream`, `${n}-downstream`])) {
        await (await proxy.getToxic(name)).remove();
      }
      changes += round % 3 === 0 ? 10 : 8;
    }
    churnDone = true;
    const [sent, received] = await Promise.all([clientSent, clientReceived]);
    const server0 = await serverSide[0];
    expect(changes).toBeGreaterThan(4000);
    expect(serverSide).toHaveLength(1);
    expect(sent.bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(server0?.received).toEqual(sent);
    expect(server0?.sent.bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(received).toEqual(server0?.sent);
  });

  it('moves bulk data through a 50 ms latency toxic without capping throughput', async () => {
    const size = 64 * 1024 * 1024;
    const payload = patternBytes(size, 11);
    const upstream = await opened.tcpServer((socket) => socket.end(payload));
    const server = await opened.proxyServer();
    const proxy = await new Toxiproxy(server.url).createProxy({
      name: 'bulk',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    await proxy.addToxic({
      name: 'lat',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 50, jitter: 0 },
    });
    const started = performance.now();
    const socket = await opened.client(portOf(proxy.listen));
    const { data } = await readAll(socket);
    const seconds = (performance.now() - started) / 1000;
    expect(data.length).toBe(size);
    expect(sha256(data)).toBe(sha256(payload));
    // Serialising 50 ms per chunk would take minutes; 64 MiB at ≥ 16 MiB/s leaves room for a busy CI box.
    expect(seconds).toBeLessThan(4);
  });
});
