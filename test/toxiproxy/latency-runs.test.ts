import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import { writeProxiedShopExperiment } from '../helpers/proxied-shop-experiment.ts';

async function runJson(
  file: string,
  dir: string,
): Promise<{ code: number; summary: RunSummary; journal: Journal }> {
  const result = await cli(['run', file, '--json', '--quiet', '--out', join(dir, 'journal')]);
  expect(result.stderr).toBe('');
  const summary = JSON.parse(result.stdout) as RunSummary;
  return {
    code: result.code,
    summary,
    journal: JSON.parse(readFileSync(summary.journal, 'utf8')) as Journal,
  };
}

describe('latency faults through the embedded proxy', () => {
  it('a light latency fault passes, with the toxic and the slower probe as evidence', async () => {
    const dir = tempDir();
    const { file } = await writeProxiedShopExperiment(dir, { name: 'light-latency', latency: '60ms' });
    const { code, summary, journal } = await runJson(file, dir);
    expect(summary.verdict).toBe('pass');
    expect(code).toBe(0);
    const evidence = journal.faults[0]?.evidence ?? [];
    expect(evidence.find((e) => e.check === 'toxic listed')).toMatchObject({ ok: true });
    expect(evidence.find((e) => e.check === 'probe slower')).toMatchObject({ ok: true });
    expect(journal.faults[0]?.revertEvidence[0]).toMatchObject({ check: 'toxics removed', ok: true });
    const during =
      summary.phases.find((p) => p.phase === 'faults')?.objectives.find((o) => o.name === 'p99')?.value ?? 0;
    const before =
      summary.phases.find((p) => p.phase === 'baseline')?.objectives.find((o) => o.name === 'p99')?.value ??
      Infinity;
    expect(during).toBeGreaterThan(before + 40);
  });

  it('a heavy latency fault fails the latency SLO', async () => {
    const dir = tempDir();
    const { file } = await writeProxiedShopExperiment(dir, { name: 'heavy-latency', latency: '600ms' });
    const { code, summary } = await runJson(file, dir);
    expect(summary.verdict).toBe('fail');
    expect(code).toBe(1);
    expect(summary.breaches.some((b) => b.phase === 'faults' && b.objective === 'p99')).toBe(true);
  });
});

describe('latency faults against a Toxiproxy server the run does not own', () => {
  let server: ProxyServer;
  let client: Toxiproxy;
  beforeEach(async () => {
    server = await startProxyServer({ host: '127.0.0.1', port: await freePort() });
    client = new Toxiproxy(server.url);
    // A proxy someone else owns, with a toxic of theirs: the run must leave both alone.
    await client.createProxy({ name: 'theirs', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
    await (
      await client.get('theirs')
    ).addToxic({
      name: 'their-toxic',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 5, jitter: 0 },
    });
  });
  // A child still running (a failed assertion) is ended first, so it reverts against the live server.
  afterEach(async () => {
    await stopFaultlines();
    await server.close();
  });

  const leftovers = async () => {
    // The client's Proxy objects carry no toxics: ask the server's /toxics route of each proxy.
    const names = Object.keys(await client.getAll()).sort();
    const toxics: string[] = [];
    for (const name of names) {
      const { data } = await client.getApi().get(`${server.url}/proxies/${name}/toxics`);
      toxics.push(...(data as { name: string }[]).map((t) => t.name));
    }
    return { names, toxics };
  };

  it('removes exactly the toxics and proxies it added after a normal run', async () => {
    const dir = tempDir();
    const { file } = await writeProxiedShopExperiment(dir, {
      name: 'shared-server',
      latency: '20ms',
      toxiproxyUrl: server.url,
    });
    const { summary } = await runJson(file, dir);
    expect(summary.faults[0]?.outcome).toBe('reverted');
    expect(await leftovers()).toEqual({ names: ['theirs'], toxics: ['their-toxic'] });
  });

  it('removes its toxics when interrupted by SIGINT mid-fault', async () => {
    const dir = tempDir();
    const { file } = await writeProxiedShopExperiment(dir, {
      name: 'shared-sigint',
      latency: '20ms',
      toxiproxyUrl: server.url,
      duration: '40s',
      faultFor: '25s',
    });
    const child = startFaultline(['run', file, '--out', join(dir, 'journal')]);
    await child.waitFor('inject slow-inventory', 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    const during = await leftovers();
    expect(during.toxics.filter((t) => t.startsWith('faultline-'))).toHaveLength(1);
    child.process.kill('SIGINT');
    expect((await child.exited).code).toBe(3);
    expect(await leftovers()).toEqual({ names: ['theirs'], toxics: ['their-toxic'] });
  });

  it('says clearly when the server has no such proxy, names the ones it has, and injects nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'ghost.yaml');
    writeFileSync(
      file,
      `version: 1
name: ghost-proxy
targets: { db: { proxy: ghost } }
toxiproxy: { url: "${server.url}" }
load: { url: "http://127.0.0.1:${await freePort()}", rate: 10, duration: 10s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 99% } }] }
hypothesis: { baseline: 2s, after: 2s }
faults: [{ name: slow-db, target: db, type: latency, latency: 100ms, at: 3s, for: 2s }]
`,
    );
    const result = await cli(['run', file, '--json', '--quiet', '--out', join(dir, 'journal')]);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(result.code).toBe(5);
    expect(summary.verdict).toBe('error');
    expect(summary.notes.join('\n')).toContain(
      `target db: Toxiproxy at ${server.url} has no proxy named ghost; it has: theirs`,
    );
    expect(summary.faults[0]?.outcome).toBe('not-run');
    expect(await leftovers()).toEqual({ names: ['theirs'], toxics: ['their-toxic'] });
  });

  it('a declared proxy whose listen port is taken: the server’s reason, exit 5, and the ones it did create are removed', async () => {
    const dir = tempDir();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busy = (taken.address() as AddressInfo).port;
    const file = join(dir, 'taken.yaml');
    writeFileSync(
      file,
      `version: 1
name: taken-port
targets: { db: { proxy: db } }
toxiproxy:
  url: "${server.url}"
  proxies:
    - { name: cache, listen: "127.0.0.1:${await freePort()}", upstream: "127.0.0.1:1" }
    - { name: db, listen: "127.0.0.1:${busy}", upstream: "127.0.0.1:1" }
load: { url: "http://127.0.0.1:${await freePort()}", rate: 10, duration: 10s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 99% } }] }
hypothesis: { baseline: 2s, after: 2s }
faults: [{ name: slow-db, target: db, type: latency, latency: 100ms, at: 3s, for: 2s }]
`,
    );
    try {
      const result = await cli(['run', file, '--json', '--quiet', '--out', join(dir, 'journal')]);
      const summary = JSON.parse(result.stdout) as RunSummary;
      expect(result.code).toBe(5);
      expect(summary.verdict).toBe('error');
      expect(summary.notes.join('\n')).toContain(
        `toxiproxy.proxies: Toxiproxy at ${server.url} could not create them: POST /populate answered 500:`,
      );
      expect(summary.notes.join('\n')).toContain(
        `listen tcp 127.0.0.1:${busy}: bind: address already in use`,
      );
      expect(summary.faults[0]?.outcome).toBe('not-run');
      expect(await leftovers()).toEqual({ names: ['theirs'], toxics: ['their-toxic'] });
    } finally {
      taken.close();
    }
  });

  it('says clearly when the configured server does not answer, and runs nothing', async () => {
    const dir = tempDir();
    const { file } = await writeProxiedShopExperiment(dir, {
      name: 'no-server',
      latency: '20ms',
      toxiproxyUrl: `http://127.0.0.1:${await freePort()}`,
    });
    const result = await cli(['run', file, '--json', '--quiet', '--out', join(dir, 'journal')]);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(result.code).toBe(5);
    expect(summary.verdict).toBe('error');
    expect(summary.notes.join('\n')).toMatch(/Toxiproxy at http:\/\/127\.0\.0\.1:\d+ does not answer/);
    expect(summary.faults[0]?.outcome).toBe('not-run');
  });
});
