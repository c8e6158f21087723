import { ApiError } from '../api-error.ts';
import type { PopulateResult, ProxyInput } from '../proxy-collection.ts';
import type { ApiHandler, ApiRequest } from './api-types.ts';
import { asArray, asObject, decodeStruct } from './body-fields.ts';
import type { GoJsonValue } from './go-json.ts';
import { proxyJson } from './proxy-json.ts';

/** The Toxiproxy version /version reports, exactly as the real server of that version does. */
export const TOXIPROXY_VERSION = '2.12.0';

/** The fields of Toxiproxy's Proxy struct that a request body can set. */
const PROXY_FIELDS = { name: 'string', listen: 'string', upstream: 'string', enabled: 'bool' } as const;

const param = (request: ApiRequest, index = 0): string => request.params[index] ?? '';

/** Decodes one proxy object of a create or populate body (missing strings → ''). */
function proxyInput(value: GoJsonValue, goType: string): ProxyInput {
  const fields = decodeStruct(asObject(value, goType), 'Proxy', PROXY_FIELDS);
  return {
    name: fields.name ?? '',
    listen: fields.listen ?? '',
    upstream: fields.upstream ?? '',
    enabled: fields.enabled ?? true,
  };
}

/** GET /proxies: every proxy by name, keys sorted. */
export const listProxies: ApiHandler = (_request, { collection }) => ({
  status: 200,
  body: Object.fromEntries(collection.list().map((p) => [p.name, proxyJson(p)])),
});

/** POST /proxies: 201 with the proxy. */
export const createProxy: ApiHandler = async (request, { collection }) => {
  const proxy = await collection.create(proxyInput(request.json(), 'toxiproxy.Proxy'));
  return { status: 201, body: proxyJson(proxy) };
};

/**
 * POST /populate: 201 `{"proxies":[…]}`. Every failure (bad body, validation, listener) answers
 * as Toxiproxy does: `{"error","status","proxies"}` with what was applied (null when nothing).
 */
export const populate: ApiHandler = async (request, { collection }) => {
  let result: PopulateResult;
  try {
    const inputs = asArray(request.json(), '[]toxiproxy.Proxy').map((p) => proxyInput(p, 'toxiproxy.Proxy'));
    result = await collection.populate(inputs);
  } catch (error) {
    result = { proxies: [], error: error instanceof ApiError ? error : ApiError.system(error) };
  }
  const proxies = result.proxies.length > 0 ? result.proxies.map(proxyJson) : null;
  if (!result.error) return { status: 201, body: { proxies: proxies ?? [] } };
  return {
    status: result.error.status,
    body: { error: result.error.message, status: result.error.status, proxies },
  };
};

/** GET /proxies/{p}. */
export const showProxy: ApiHandler = (request, { collection }) => ({
  status: 200,
  body: proxyJson(collection.get(param(request))),
});

/** POST or PATCH /proxies/{p}: `listen`, `upstream`, `enabled`; absent keys keep their value. */
export const updateProxy: ApiHandler = async (request, { collection }) => {
  const proxy = collection.get(param(request));
  const fields = decodeStruct(asObject(request.json(), 'toxiproxy.Proxy'), 'Proxy', PROXY_FIELDS);
  await proxy.update({
    listen: fields.listen ?? proxy.listen,
    upstream: fields.upstream ?? proxy.upstream,
    enabled: fields.enabled ?? proxy.enabled,
  });
  return { status: 200, body: proxyJson(proxy) };
};

/** DELETE /proxies/{p}: 204. */
export const deleteProxy: ApiHandler = async (request, { collection }) => {
  await collection.remove(param(request));
  return { status: 204 };
};

/** POST /reset: 204; proxies enabled again, toxics removed, connections kept. */
export const resetAll: ApiHandler = async (_request, { collection }) => {
  await collection.reset();
  return { status: 204 };
};

/** GET /version: `{"version": "<v>"}` and a newline, exactly as Toxiproxy writes it. */
export const showVersion: ApiHandler = () => ({
  status: 200,
  text: `{"version": "${TOXIPROXY_VERSION}"}\n`,
  contentType: 'application/json;charset=utf-8',
});
