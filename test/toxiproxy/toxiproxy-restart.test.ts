import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import { writeProxiedShopExperiment } from '../helpers/proxied-shop-experiment.ts';

describe('the Toxiproxy server restarts mid-fault (its proxies and toxics gone)', () => {
  let server: ProxyServer | undefined;
  afterEach(async () => {
    await stopFaultlines();
    await server?.close();
  });

  it('the run notes the loss when it happens, keeps scoring, its revert finds nothing left to remove, the verdict is fail (not 4), nothing is left', async () => {
    const port = await freePort();
    server = await startProxyServer({ host: '127.0.0.1', port });
    const dir = tempDir();
    const { file } = await writeProxiedShopExperiment(dir, {
      name: 'toxiproxy-restart',
      latency: '20ms',
      toxiproxyUrl: server.url,
      duration: '16s',
      faultFor: '4s',
    });
    const out = join(dir, 'journal');
    const child = startFaultline(['run', file, '--out', out]);
    await child.waitFor('inject slow-inventory', 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    await server.close();
    server = await startProxyServer({ host: '127.0.0.1', port });
    const exit = await child.exited;
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    // Without its proxy the shop cannot reach inventory: the objective fails, as it should.
    expect(journal.verdict).toBe('fail');
    expect(exit.code).toBe(1);
    expect(journal.faults[0]?.outcome).toBe('reverted');
    expect(journal.windows.length).toBeGreaterThanOrEqual(15);
    // Noticed when it happened (the run looks once a second), well before the planned revert.
    const noticed = journal.notes.find((n) => /fault slow-inventory is no longer in place/.test(n.message));
    expect(noticed?.message, JSON.stringify(journal.notes)).toMatch(
      /proxy \S+ is gone from the Toxiproxy server/,
    );
    expect(noticed?.atMs ?? Infinity).toBeLessThan(journal.faults[0]?.revertedAtMs ?? 0);
    const client = new Toxiproxy(server.url);
    expect(Object.keys(await client.getAll())).toEqual([]);
  });
});
