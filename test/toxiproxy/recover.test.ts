import { Toxiproxy } from 'toxiproxy-node-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import { cli } from '../helpers/captured-runtime.ts';
import { freePort } from '../helpers/free-port.ts';

describe('faultline recover on a Toxiproxy server', () => {
  let server: ProxyServer;
  let client: Toxiproxy;
  const toxic = (name: string) => ({
    name,
    type: 'latency' as const,
    stream: 'downstream' as const,
    toxicity: 1,
    attributes: { latency: 5, jitter: 0 },
  });
  const names = async () => {
    const { data } = await client.getApi().get(`${server.url}/proxies/db/toxics`);
    return (data as { name: string }[]).map((t) => t.name).sort();
  };

  beforeEach(async () => {
    server = await startProxyServer({ host: '127.0.0.1', port: await freePort() });
    client = new Toxiproxy(server.url);
    const db = await client.createProxy({ name: 'db', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
    // What a crashed run left, what another run has in place, and a toxic of someone else's.
    for (const name of [
      'faultline-r1-slow-downstream',
      'faultline-r1-slow-upstream',
      'faultline-r2-slow-downstream',
      'theirs',
    ])
      await db.addToxic(toxic(name));
  });
  afterEach(async () => server.close());

  it('removes exactly the toxics of the named run, and says so; a second call finds nothing', async () => {
    const first = await cli(['recover', '--run', 'r1', '--toxiproxy', server.url, '--no-docker']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('undone  toxiproxy: proxy db: removed toxic faultline-r1-slow-downstream');
    expect(first.stdout).toContain('removed toxic faultline-r1-slow-upstream');
    expect(await names()).toEqual(['faultline-r2-slow-downstream', 'theirs']);
    const second = await cli(['recover', '--run', 'r1', '--toxiproxy', server.url, '--no-docker', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ run: 'r1', actions: [], skipped: [], left: 0 });
  });

  it('--all removes the toxics of every faultline run and leaves other toxics alone', async () => {
    const result = await cli(['recover', '--all', '--toxiproxy', server.url, '--no-docker']);
    expect(result.code).toBe(0);
    expect(await names()).toEqual(['theirs']);
  });

  it.each([
    [[], /--run: expected the id of the run to recover/],
    [['--run', 'r1', '--all'], /--run and --all: give one of them/],
    [['--run', 'r1; rm -rf /'], /--run: expected a run id such as .* found "r1; rm -rf \/"/],
    [
      ['--run', 'r1', '--toxiproxy', 'localhost:8474'],
      /--toxiproxy: expected the http:\/\/ URL .* found "localhost:8474"/,
    ],
  ])('refuses %j with a clear message, exit 2, and changes nothing', async (flags, message) => {
    const result = await cli(['recover', ...flags, '--toxiproxy', server.url, '--no-docker']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('nothing was run or changed');
    expect(await names()).toHaveLength(4);
  });

  it('exits 5 and says which server does not answer', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = await cli(['recover', '--run', 'r1', '--toxiproxy', url, '--no-docker']);
    expect(result.code).toBe(5);
    expect(result.stdout).toContain(`not swept  toxiproxy ${url}: Toxiproxy at ${url} does not answer`);
  });
});
