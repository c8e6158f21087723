import { Toxiproxy, type ICreateToxicBody, type ToxicDirection, type ToxicType } from 'toxiproxy-node-client';
import type { ProxyInfo, ToxicInfo, ToxiproxyApi } from './toxiproxy-api.ts';

/** True when an error from toxiproxy-node-client is the server's 404. */
function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; response?: { status?: number }; message?: string };
  return e.status === 404 || e.response?.status === 404 || /\b404\b|not found/i.test(e.message ?? '');
}

/** The ToxiproxyApi over toxiproxy-node-client 4 — the same client users' own tests use. */
export function toxiproxyClientApi(url: string): ToxiproxyApi {
  const client = new Toxiproxy(url);
  const info = (p: { toJson(): { name: string; listen: string; upstream: string; enabled: boolean; toxics: unknown[] } }): ProxyInfo => {
    const json = p.toJson();
    return { name: json.name, listen: json.listen, upstream: json.upstream, enabled: json.enabled, toxics: json.toxics as ToxicInfo[] };
  };
  return {
    url,
    version: () => client.getVersion(),
    proxies: async () => Object.values(await client.getAll()).map(info),
    proxy: async (name) => {
      try {
        return info(await client.get(name));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    populate: async (proxies) => void (await client.populate(proxies.map((p) => ({ ...p })))),
    setEnabled: async (proxy, enabled) => {
      const current = await client.get(proxy.name);
      await current.update({ enabled, listen: proxy.listen, upstream: proxy.upstream });
    },
    addToxic: async (proxy, toxic) => {
      const body: ICreateToxicBody<Record<string, number>> = { name: toxic.name, type: toxic.type as ToxicType, stream: toxic.stream as ToxicDirection, toxicity: toxic.toxicity, attributes: { ...toxic.attributes } };
      await (await client.get(proxy)).addToxic(body);
    },
    removeToxic: async (proxy, toxic) => {
      try {
        await client.getApi().delete(`${url}/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(toxic)}`);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    removeProxy: async (proxy) => {
      try {
        await client.getApi().delete(`${url}/proxies/${encodeURIComponent(proxy)}`);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}
