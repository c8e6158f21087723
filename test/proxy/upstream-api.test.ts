import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProxyServer } from '../../src/proxy/proxy-server.ts';
import { Opened } from './proxy-fixtures.ts';

/*
 * The cases of upstream Toxiproxy's own API tests where faultline used to answer differently,
 * each checked byte for byte against what a Toxiproxy 2.12 server answers.
 */
const opened = new Opened();
let server: ProxyServer;
let upstream: string;

async function call(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${path}`, { method, ...(body === undefined ? {} : { body }) });
  return { status: response.status, text: await response.text() };
}
const error = (message: string, status: number) => ({
  status,
  text: `${JSON.stringify({ error: message, status })}\n`,
});

beforeEach(async () => {
  server = await opened.proxyServer();
  upstream = `127.0.0.1:${(await opened.echoServer()).port}`;
});
afterEach(() => opened.closeAll());

describe('upstream API cases, answered as Toxiproxy 2.12 answers them', () => {
  it('a port conflict is a 500 in Go words naming the address', async () => {
    const first = await call(
      'POST',
      '/proxies',
      JSON.stringify({ name: 'a', listen: '127.0.0.1:0', upstream }),
    );
    const listen = (JSON.parse(first.text) as { listen: string }).listen;
    const clash = await call('POST', '/proxies', JSON.stringify({ name: 'b', listen, upstream }));
    expect(clash).toEqual(error(`listen tcp ${listen}: bind: address already in use`, 500));
  });

  it('an address not on this host and a port out of range fail as Go words them', async () => {
    const foreign = await call(
      'POST',
      '/proxies',
      JSON.stringify({ name: 'a', listen: '192.0.2.1:0', upstream }),
    );
    expect(foreign).toEqual(error('listen tcp 192.0.2.1:0: bind: cannot assign requested address', 500));
    const badPort = await call(
      'POST',
      '/proxies',
      JSON.stringify({ name: 'a', listen: '127.0.0.1:99999', upstream }),
    );
    expect(badPort).toEqual(error('listen tcp: address 99999: invalid port', 500));
    expect(await call('GET', '/proxies')).toEqual({ status: 200, text: '{}' });
  });

  it('/version is exactly {"version": "2.12.0"} and a newline', async () => {
    const response = await fetch(`${server.url}/version`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"version": "2.12.0"}\n');
    expect(response.headers.get('x-faultline-version')).toBeTruthy();
  });

  it('matches body keys without regard to case and ignores bytes after the first JSON value', async () => {
    const created = await call(
      'POST',
      '/proxies',
      `{"NAME":"db","Listen":"127.0.0.1:0","UpStream":"${upstream}"}`,
    );
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ name: 'db', upstream, enabled: true });
    const trailing = await call(
      'POST',
      '/proxies',
      `{"name":"db2","listen":"127.0.0.1:0","upstream":"${upstream}"} junk`,
    );
    expect(trailing.status).toBe(201);
    const toxic = await call('POST', '/proxies/db/toxics', '{"Type":"latency","ATTRIBUTES":{"Latency":7}}{');
    expect(toxic.status).toBe(200);
    expect(JSON.parse(toxic.text)).toMatchObject({ type: 'latency', attributes: { latency: 7, jitter: 0 } });
  });

  it("reports malformed JSON and wrong types in Go's encoding/json words", async () => {
    expect(await call('POST', '/proxies', '{bad json}')).toEqual(
      error("bad request body: invalid character 'b' looking for beginning of object key string", 400),
    );
    expect(await call('POST', '/proxies', '{"name": ')).toEqual(
      error('bad request body: unexpected EOF', 400),
    );
    expect(await call('POST', '/proxies', JSON.stringify({ name: 5, upstream }))).toEqual(
      error(
        'bad request body: json: cannot unmarshal number into Go struct field Proxy.name of type string',
        400,
      ),
    );
    await call('POST', '/proxies', JSON.stringify({ name: 'db', listen: '127.0.0.1:0', upstream }));
    expect(await call('POST', '/proxies/db', '{"enabled":"no"}')).toEqual(
      error(
        'bad request body: json: cannot unmarshal string into Go struct field Proxy.enabled of type bool',
        400,
      ),
    );
    expect(await call('POST', '/proxies/db/toxics', '{"type":"latency","toxicity":"high"}')).toEqual(
      error(
        'bad request body: json: cannot unmarshal string into Go struct field ToxicWrapper.toxicity of type float32',
        400,
      ),
    );
  });

  it('%2F in a proxy name is a path separator: 404 page not found, as the Go router answers', async () => {
    await call('POST', '/proxies', JSON.stringify({ name: 'a', listen: '127.0.0.1:0', upstream }));
    expect(await call('GET', '/proxies/a%2Fb')).toEqual({ status: 404, text: '404 page not found\n' });
    expect(await call('GET', '/proxies/a%2Ftoxics')).toEqual({ status: 200, text: '[]' });
    expect(await call('GET', '/proxies/%61')).toMatchObject({ status: 200 });
  });

  it('walks every route: create, show, update, toxics add/show/update/delete, reset, delete', async () => {
    const steps: [string, string, unknown, number][] = [
      ['POST', '/proxies', { name: 'p', listen: '127.0.0.1:0', upstream }, 201],
      ['GET', '/proxies', undefined, 200],
      ['GET', '/proxies/p', undefined, 200],
      ['POST', '/proxies/p', { enabled: false }, 200],
      ['PATCH', '/proxies/p', { enabled: true }, 200],
      ['POST', '/proxies/p/toxics', { type: 'latency', attributes: { latency: 1 } }, 200],
      ['GET', '/proxies/p/toxics', undefined, 200],
      ['GET', '/proxies/p/toxics/latency_downstream', undefined, 200],
      ['POST', '/proxies/p/toxics/latency_downstream', { toxicity: 0.5 }, 200],
      ['PATCH', '/proxies/p/toxics/latency_downstream', { attributes: { jitter: 2 } }, 200],
      ['DELETE', '/proxies/p/toxics/latency_downstream', undefined, 204],
      ['DELETE', '/proxies/p/toxics/latency_downstream', undefined, 404],
      ['POST', '/populate', [{ name: 'q', listen: '127.0.0.1:0', upstream }], 201],
      ['POST', '/reset', undefined, 204],
      ['DELETE', '/proxies/p', undefined, 204],
      ['GET', '/proxies/p', undefined, 404],
    ];
    const seen = [];
    for (const [method, path, body] of steps) {
      seen.push((await call(method, path, body === undefined ? undefined : JSON.stringify(body))).status);
    }
    expect(seen).toEqual(steps.map((s) => s[3]));
  });
});
