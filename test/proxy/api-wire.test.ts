import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProxyServer } from '../../src/proxy/proxy-server.ts';
import { Opened, portOf } from './proxy-fixtures.ts';

const opened = new Opened();
let server: ProxyServer;
let upstream: string;

interface Reply {
  status: number;
  text: string;
  requestId: string | null;
  contentType: string | null;
}

async function call(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  return {
    status: response.status,
    text: await response.text(),
    requestId: response.headers.get('x-toxiproxy-request-id'),
    contentType: response.headers.get('content-type'),
  };
}

const post = (path: string, body: unknown) =>
  call('POST', path, typeof body === 'string' ? body : JSON.stringify(body));
const apiError = (message: string, status: number) => `${JSON.stringify({ error: message, status })}\n`;

beforeEach(async () => {
  server = await opened.proxyServer();
  upstream = `127.0.0.1:${(await opened.echoServer()).port}`;
});
afterEach(() => opened.closeAll());

describe('Toxiproxy API on the wire: status codes and bodies', () => {
  it('lists nothing as {}, creates with 201, keys in Toxiproxy order, deletes with 204', async () => {
    expect(await call('GET', '/proxies')).toMatchObject({ status: 200, text: '{}' });
    const created = await post('/proxies', { name: 'db', listen: '127.0.0.1:0', upstream });
    expect(created.status).toBe(201);
    const proxy = JSON.parse(created.text) as Record<string, unknown>;
    expect(Object.keys(proxy)).toEqual(['name', 'listen', 'upstream', 'enabled', 'toxics']);
    expect(proxy).toMatchObject({ name: 'db', upstream, enabled: true, toxics: [] });
    const deleted = await call('DELETE', '/proxies/db');
    expect(deleted).toMatchObject({ status: 204, text: '' });
    expect(await call('DELETE', '/proxies/db')).toMatchObject({
      status: 404,
      text: apiError('proxy not found', 404),
    });
  });

  it('creates a disabled proxy without binding; it keeps the listen string it was given', async () => {
    const created = await post('/proxies', {
      name: 'off',
      listen: 'not-an-address',
      upstream,
      enabled: false,
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ listen: 'not-an-address', enabled: false });
  });

  it('answers 404 for an unknown path and 405 for a known path with another method, without a request id', async () => {
    expect(await call('GET', '/nope')).toMatchObject({
      status: 404,
      text: '404 page not found\n',
      requestId: null,
    });
    expect(await call('PUT', '/proxies')).toMatchObject({ status: 405, text: '', requestId: null });
    expect(await call('DELETE', '/version')).toMatchObject({ status: 405 });
    expect(await call('GET', '/proxies/a/toxics/b/c')).toMatchObject({ status: 404 });
  });

  it('gives every routed response an X-Toxiproxy-Request-Id and refuses browsers with 403', async () => {
    const ids = [(await call('GET', '/proxies')).requestId, (await call('GET', '/proxies/none')).requestId];
    for (const id of ids) expect(id).toMatch(/^[0-9a-v]{20}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const browser = await call('POST', '/proxies', '{}', { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)' });
    expect(browser).toMatchObject({ status: 403, text: 'User agent not allowed\n' });
    expect(browser.requestId).toMatch(/^[0-9a-v]{20}$/);
    expect(await call('GET', '/proxies', undefined, { 'User-Agent': 'curl/8.0 Mozilla/' })).toMatchObject({
      status: 200,
    });
  });

  it('reports exactly Toxiproxy 2.12.0 at /version; faultline names itself in a header', async () => {
    expect(await call('GET', '/version')).toMatchObject({
      status: 200,
      text: '{"version": "2.12.0"}\n',
    });
    const response = await fetch(`${server.url}/version`);
    expect(response.headers.get('x-faultline-version')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('validates proxy bodies with Toxiproxy messages; errors are JSON plus newline', async () => {
    expect(await post('/proxies', { listen: '127.0.0.1:0', upstream })).toMatchObject({
      status: 400,
      text: apiError('missing required field: name', 400),
    });
    expect(await post('/proxies', { name: 'x', listen: '127.0.0.1:0' })).toMatchObject({
      status: 400,
      text: apiError('missing required field: upstream', 400),
    });
    expect(await call('POST', '/proxies', '')).toMatchObject({
      status: 400,
      text: apiError('bad request body: EOF', 400),
    });
    const malformed = await post('/proxies', '{"name": ');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text)).toMatchObject({
      status: 400,
      error: expect.stringMatching(/^bad request body: /),
    });
    const wrongType = await post('/proxies', []);
    expect(JSON.parse(wrongType.text)).toEqual({
      error: 'bad request body: json: cannot unmarshal array into Go value of type toxiproxy.Proxy',
      status: 400,
    });
    const wrongField = await post('/proxies', { name: 5, upstream });
    expect(JSON.parse(wrongField.text)).toEqual({
      error: 'bad request body: json: cannot unmarshal number into Go struct field Proxy.name of type string',
      status: 400,
    });
    await post('/proxies', { name: 'db', listen: '127.0.0.1:0', upstream });
    expect(await post('/proxies', { name: 'db', listen: '127.0.0.1:0', upstream })).toMatchObject({
      status: 409,
      text: apiError('proxy already exists', 409),
    });
  });

  it('fails a create whose port is taken with 500 and the system text, leaving nothing behind', async () => {
    const taken = JSON.parse(
      (await post('/proxies', { name: 'a', listen: '127.0.0.1:0', upstream })).text,
    ) as { listen: string };
    const clash = await post('/proxies', { name: 'b', listen: taken.listen, upstream });
    expect(clash.status).toBe(500);
    expect(JSON.parse(clash.text)).toEqual({
      error: `listen tcp ${taken.listen}: bind: address already in use`,
      status: 500,
    });
    expect(Object.keys(JSON.parse((await call('GET', '/proxies')).text) as object)).toEqual(['a']);
  });

  it('updates with POST or PATCH; absent keys keep their value', async () => {
    const created = JSON.parse(
      (await post('/proxies', { name: 'db', listen: '127.0.0.1:0', upstream })).text,
    ) as { listen: string };
    const patched = await call('PATCH', '/proxies/db', JSON.stringify({ enabled: false }));
    expect(patched.status).toBe(200);
    expect(JSON.parse(patched.text)).toMatchObject({ listen: created.listen, upstream, enabled: false });
    expect(JSON.parse((await post('/proxies/db', {})).text)).toMatchObject({
      listen: created.listen,
      enabled: false,
    });
    expect(JSON.parse((await post('/proxies/db', { enabled: true })).text)).toMatchObject({
      listen: created.listen,
      enabled: true,
    });
    expect(await post('/proxies/none', {})).toMatchObject({
      status: 404,
      text: apiError('proxy not found', 404),
    });
  });
});

describe('Toxiproxy API on the wire: toxics', () => {
  beforeEach(async () => {
    await post('/proxies', { name: 'db', listen: '127.0.0.1:0', upstream });
  });

  it('creates with 200 and Toxiproxy defaults; every attribute present; JSON keys in order', async () => {
    const created = await post('/proxies/db/toxics', { type: 'latency' });
    expect(created.status).toBe(200);
    expect(created.text).toBe(
      '{"attributes":{"latency":0,"jitter":0},"name":"latency_downstream","type":"latency","stream":"downstream","toxicity":1}',
    );
    const slicer = JSON.parse(
      (await post('/proxies/db/toxics', { type: 'slicer', attributes: { delay: 3 } })).text,
    ) as { attributes: object };
    expect(slicer.attributes).toEqual({ average_size: 0, size_variation: 0, delay: 3 });
  });

  it('matches stream without regard to case, echoes it as written, lists upstream toxics first', async () => {
    await post('/proxies/db/toxics', { type: 'latency', name: 'down1' });
    const up = JSON.parse(
      (await post('/proxies/db/toxics', { type: 'bandwidth', stream: 'UpStream' })).text,
    ) as { name: string; stream: string };
    expect(up).toMatchObject({ name: 'bandwidth_UpStream', stream: 'UpStream' });
    await post('/proxies/db/toxics', { type: 'noop', name: 'down2' });
    const list = JSON.parse((await call('GET', '/proxies/db/toxics')).text) as { name: string }[];
    expect(list.map((t) => t.name)).toEqual(['bandwidth_UpStream', 'down1', 'down2']);
    const proxy = JSON.parse((await call('GET', '/proxies/db')).text) as { toxics: { name: string }[] };
    expect(proxy.toxics.map((t) => t.name)).toEqual(['bandwidth_UpStream', 'down1', 'down2']);
  });

  it('refuses bad toxics with Toxiproxy messages and codes', async () => {
    expect(await post('/proxies/db/toxics', { type: 'latency', stream: 'sideways' })).toMatchObject({
      status: 400,
      text: apiError('stream was invalid, can be either upstream or downstream', 400),
    });
    expect(await post('/proxies/db/toxics', { type: 'corrupt' })).toMatchObject({
      status: 400,
      text: apiError('invalid toxic type', 400),
    });
    expect(await post('/proxies/db/toxics', {})).toMatchObject({
      status: 400,
      text: apiError('invalid toxic type', 400),
    });
    const fraction = await post('/proxies/db/toxics', { type: 'latency', attributes: { latency: 1.5 } });
    expect(fraction.status).toBe(400);
    expect(JSON.parse(fraction.text)).toMatchObject({
      error: expect.stringMatching(/^bad request body: .*latency/),
    });
    expect(await post('/proxies/db/toxics', '')).toMatchObject({
      status: 400,
      text: apiError('bad request body: EOF', 400),
    });
    await post('/proxies/db/toxics', { type: 'latency' });
    expect(await post('/proxies/db/toxics', { type: 'latency' })).toMatchObject({
      status: 409,
      text: apiError('toxic already exists', 409),
    });
    expect(await post('/proxies/none/toxics', { type: 'latency' })).toMatchObject({
      status: 404,
      text: apiError('proxy not found', 404),
    });
    expect(await call('GET', '/proxies/db/toxics/none')).toMatchObject({
      status: 404,
      text: apiError('toxic not found', 404),
    });
    expect(await call('DELETE', '/proxies/db/toxics/none')).toMatchObject({
      status: 404,
      text: apiError('toxic not found', 404),
    });
    expect(await post('/proxies/db/toxics/none', {})).toMatchObject({
      status: 404,
      text: apiError('toxic not found', 404),
    });
  });

  it('updates only attributes (merged key by key) and toxicity, with POST or PATCH; deletes with 204', async () => {
    await post('/proxies/db/toxics', {
      type: 'latency',
      name: 'lat',
      attributes: { latency: 100, jitter: 10 },
    });
    const patched = await call(
      'PATCH',
      '/proxies/db/toxics/lat',
      JSON.stringify({ attributes: { jitter: 3 }, name: 'renamed', type: 'noop', stream: 'upstream' }),
    );
    expect(patched.status).toBe(200);
    expect(JSON.parse(patched.text)).toEqual({
      attributes: { latency: 100, jitter: 3 },
      name: 'lat',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
    });
    expect(JSON.parse((await post('/proxies/db/toxics/lat', { toxicity: 0.25 })).text)).toMatchObject({
      toxicity: 0.25,
      attributes: { latency: 100, jitter: 3 },
    });
    expect(await call('DELETE', '/proxies/db/toxics/lat')).toMatchObject({ status: 204, text: '' });
    expect(JSON.parse((await call('GET', '/proxies/db/toxics')).text)).toEqual([]);
  });

  it('accepts hostile attributes (negative rate, slicer average 0, variation > average) with 200', async () => {
    for (const toxic of [
      { type: 'bandwidth', attributes: { rate: -5 } },
      { type: 'slicer', name: 's0', attributes: { average_size: 0, size_variation: 0 } },
      { type: 'slicer', name: 's1', attributes: { average_size: 2, size_variation: 50 } },
      { type: 'latency', attributes: { latency: -100, jitter: -3 } },
    ]) {
      expect((await post('/proxies/db/toxics', toxic)).status).toBe(200);
    }
  });
});

describe('Toxiproxy API on the wire: /populate and /reset', () => {
  it('validates every element first: missing name at proxy N, nothing changed', async () => {
    const bad = await post('/populate', [
      { name: 'a', listen: '127.0.0.1:0', upstream },
      { listen: '127.0.0.1:0', upstream },
    ]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({
      error: 'missing required field: name at proxy 2',
      status: 400,
      proxies: null,
    });
    const noUpstream = await post('/populate', [{ name: 'a', listen: '127.0.0.1:0' }]);
    expect(JSON.parse(noUpstream.text)).toMatchObject({
      error: 'missing required field: upstream at proxy 1',
    });
    expect((await call('GET', '/proxies')).text).toBe('{}');
  });

  it('creates with 201 {"proxies":[…]} in order; the first listener failure stops the list and reports what was applied', async () => {
    const ok = await post('/populate', [
      { name: 'b', listen: '127.0.0.1:0', upstream },
      { name: 'a', listen: '127.0.0.1:0', upstream },
    ]);
    expect(ok.status).toBe(201);
    const applied = (JSON.parse(ok.text) as { proxies: { name: string; listen: string }[] }).proxies;
    expect(applied.map((p) => p.name)).toEqual(['b', 'a']);
    const clash = await post('/populate', [
      { name: 'c', listen: '127.0.0.1:0', upstream },
      { name: 'd', listen: applied[0]?.listen, upstream },
      { name: 'e', listen: '127.0.0.1:0', upstream },
    ]);
    expect(clash.status).toBe(500);
    const body = JSON.parse(clash.text) as { error: string; status: number; proxies: { name: string }[] };
    expect(body.error).toBe(`listen tcp ${applied[0]?.listen}: bind: address already in use`);
    expect(body.proxies.map((p) => p.name)).toEqual(['c']);
    expect(Object.keys(JSON.parse((await call('GET', '/proxies')).text) as object)).toEqual(['a', 'b', 'c']);
  });

  it('resets with 204: disabled proxies enabled, toxics removed', async () => {
    const created = JSON.parse(
      (await post('/proxies', { name: 'db', listen: '127.0.0.1:0', upstream })).text,
    ) as { listen: string };
    await post('/proxies/db/toxics', { type: 'latency' });
    await post('/proxies/db', { enabled: false });
    expect(await call('POST', '/reset')).toMatchObject({ status: 204, text: '' });
    expect(JSON.parse((await call('GET', '/proxies/db')).text)).toMatchObject({
      enabled: true,
      toxics: [],
      listen: created.listen,
    });
    expect(portOf(created.listen)).toBeGreaterThan(0);
  });
});
