import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true))).once('error', () => resolve(false));
  });

describe('faultline proxy', () => {
  afterEach(stopFaultlines);

  it('serves the Toxiproxy API with the proxies of --config, and shuts down cleanly on SIGINT', async () => {
    const dir = tempDir();
    const [api, listen] = [await freePort(), await freePort()];
    const config = join(dir, 'proxies.json');
    writeFileSync(
      config,
      JSON.stringify([{ name: 'db', listen: `127.0.0.1:${listen}`, upstream: '127.0.0.1:5432' }]),
    );
    const child = startFaultline(['proxy', '--port', String(api), '--config', config]);
    await child.waitFor('Ctrl-C to stop', 20_000);
    const client = new Toxiproxy(`http://127.0.0.1:${api}`);
    const db = await client.get('db');
    expect(db.toJson()).toMatchObject({
      name: 'db',
      listen: `127.0.0.1:${listen}`,
      upstream: '127.0.0.1:5432',
      enabled: true,
    });
    expect(await canConnect(listen)).toBe(true);
    child.process.kill('SIGINT');
    expect((await child.exited).code).toBe(0);
    expect(child.stderr()).toContain('stopped');
    expect(await canConnect(api)).toBe(false);
    expect(await canConnect(listen)).toBe(false);
  });

  it('rejects a bad config file naming the file, and a bad port naming the flag', async () => {
    const dir = tempDir();
    const config = join(dir, 'broken.json');
    writeFileSync(config, '[{ "name": "db", "listen": "127.0.0.1:0" ');
    const bad = await cli(['proxy', '--port', '0', '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('broken.json');
    const missing = await cli(['proxy', '--config', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--config: file not found');
    const port = await cli(['proxy', '--port', '70000']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port: expected a TCP port 0–65535, found 70000');
  });

  it('a port in use or a host that is not this machine is a flag error (exit 2), not a crash', async () => {
    const dir = tempDir();
    const first = startFaultline(['proxy', '--port', String(await freePort())]);
    await first.waitFor('Ctrl-C to stop', 20_000);
    const port = /127\.0\.0\.1:(\d+)/.exec(first.stderr())?.[1] ?? '';
    const busy = await cli(['proxy', '--port', port], { cwd: dir });
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(
      `--host/--port: cannot serve the API on 127.0.0.1:${port}: the port is already in use`,
    );
    const host = await cli(['proxy', '--host', 'no such host.invalid', '--port', '0']);
    expect(host.code).toBe(2);
    expect(host.stderr).toContain('--host/--port: cannot serve the API on no such host.invalid:0:');
    expect(host.stderr).not.toContain('internal error');
    writeFileSync(
      join(dir, 'taken.json'),
      JSON.stringify([{ name: 'db', listen: `127.0.0.1:${port}`, upstream: '127.0.0.1:5432' }]),
    );
    const taken = await cli(['proxy', '--port', '0', '--config', join(dir, 'taken.json')]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain(`taken.json: cannot create its proxies:`);
    expect(taken.stderr).toContain(`listen tcp 127.0.0.1:${port}: bind: address already in use`);
    first.process.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
  });

  it('serves Prometheus /metrics with --proxy-metrics --runtime-metrics, as Toxiproxy does', async () => {
    const api = await freePort();
    const child = startFaultline(['proxy', '--port', String(api), '--proxy-metrics', '--runtime-metrics']);
    await child.waitFor('Ctrl-C to stop', 20_000);
    expect(child.stderr()).toContain(`metrics at http://127.0.0.1:${api}/metrics`);
    const response = await fetch(`http://127.0.0.1:${api}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('# TYPE toxiproxy_proxy_received_bytes_total counter');
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    child.process.kill('SIGINT');
    expect((await child.exited).code).toBe(0);
  });
});
