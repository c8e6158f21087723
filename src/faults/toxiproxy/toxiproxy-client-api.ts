import { Toxiproxy, type ICreateToxicBody, type ToxicDirection, type ToxicType } from 'toxiproxy-node-client';
import { RunFailedError } from '../../errors/faultline-error.ts';
import type { ProxyInfo, ToxicInfo, ToxiproxyApi } from './toxiproxy-api.ts';

/** True when an error from toxiproxy-node-client is the server's 404. */
function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; response?: { status?: number }; message?: string };
  return e.status === 404 || e.response?.status === 404 || /\b404\b|not found/i.test(e.message ?? '');
}

/** The `error` of a Toxiproxy error body, else the body itself (shortened). */
function serverError(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: show it as it came
  }
  return text.slice(0, 200) || '(empty answer)';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toxicInfo(value: unknown): ToxicInfo | undefined {
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.type !== 'string') return undefined;
  const attributes: Record<string, number> = {};
  if (isRecord(value.attributes))
    for (const [k, v] of Object.entries(value.attributes)) if (typeof v === 'number') attributes[k] = v;
  const stream = String(value.stream).toLowerCase() === 'upstream' ? 'upstream' : 'downstream';
  return {
    name: value.name,
    type: value.type,
    stream,
    toxicity: typeof value.toxicity === 'number' ? value.toxicity : 1,
    attributes,
  };
}

/**
 * A proxy from the server's JSON. The client's `Proxy` objects drop the `toxics` array, so the
 * raw answers of `GET /proxies` and `GET /proxies/{name}` are read instead. Throws when the
 * server's answer is not a proxy (the server is not Toxiproxy).
 */
function proxyInfo(value: unknown, url: string): ProxyInfo {
  if (!isRecord(value) || typeof value.name !== 'string') {
    throw new RunFailedError(
      'E_TOXIPROXY_PROTOCOL',
      `Toxiproxy at ${url} answered with something that is not a proxy: ${JSON.stringify(value)?.slice(0, 200)}`,
    );
  }
  const toxics = Array.isArray(value.toxics)
    ? value.toxics.map(toxicInfo).filter((t): t is ToxicInfo => t !== undefined)
    : [];
  return {
    name: value.name,
    listen: String(value.listen ?? ''),
    upstream: String(value.upstream ?? ''),
    enabled: value.enabled !== false,
    toxics,
  };
}

/** The ToxiproxyApi over toxiproxy-node-client 4 — the same client users' own tests use. */
export function toxiproxyClientApi(url: string): ToxiproxyApi {
  const client = new Toxiproxy(url);
  const http = client.getApi();
  const path = (...parts: string[]) => `${url}/${parts.map(encodeURIComponent).join('/')}`;
  const deleted = async (target: string): Promise<boolean> => {
    try {
      await http.delete(target);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };
  return {
    url,
    version: () => client.getVersion(),
    proxies: async () => {
      const { data } = await http.get(path('proxies'));
      return isRecord(data) ? Object.values(data).map((p) => proxyInfo(p, url)) : [];
    },
    proxy: async (name) => {
      try {
        return proxyInfo((await http.get(path('proxies', name))).data, url);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    populate: async (proxies) => {
      // Posted directly: on an error the client keeps only the status code, and the server's
      // `{"error": …}` body (such as "address already in use") is what the user needs to read.
      const res = await fetch(`${url}/populate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(proxies),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`POST /populate answered ${res.status}: ${serverError(text)}`);
    },
    setEnabled: async (proxy, enabled) => void (await http.post(path('proxies', proxy.name), { enabled })),
    addToxic: async (proxy, toxic) => {
      const body: ICreateToxicBody<Record<string, number>> = {
        name: toxic.name,
        type: toxic.type as ToxicType,
        stream: toxic.stream as ToxicDirection,
        toxicity: toxic.toxicity,
        attributes: { ...toxic.attributes },
      };
      await (await client.get(proxy)).addToxic(body);
    },
    removeToxic: (proxy, toxic) => deleted(path('proxies', proxy, 'toxics', toxic)),
    removeProxy: (proxy) => deleted(path('proxies', proxy)),
  };
}
