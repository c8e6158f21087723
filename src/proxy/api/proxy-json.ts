import type { TcpProxy } from '../tcp-proxy.ts';
import type { ToxicRecord } from '../toxic-record.ts';

/** A toxic on the wire, keys in Toxiproxy's order; every attribute of the type is present. */
export interface ToxicJson {
  readonly attributes: Record<string, number>;
  readonly name: string;
  readonly type: string;
  readonly stream: string;
  readonly toxicity: number;
}

/** A proxy on the wire, keys in Toxiproxy's order (without its stray `"Logger":{}`). */
export interface ProxyJson {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
  readonly toxics: ToxicJson[];
}

/** The wire shape of a toxic. */
export function toxicJson(toxic: ToxicRecord): ToxicJson {
  const attributes: Record<string, number> = {};
  for (const name of toxic.type.attributes) attributes[name] = toxic.attributes[name] ?? 0;
  return {
    attributes,
    name: toxic.name,
    type: toxic.type.type,
    stream: toxic.stream,
    toxicity: toxic.toxicity,
  };
}

/** The wire shape of a proxy, with its toxics (upstream ones first). */
export function proxyJson(proxy: TcpProxy): ProxyJson {
  return {
    name: proxy.name,
    listen: proxy.listen,
    upstream: proxy.upstream,
    enabled: proxy.enabled,
    toxics: proxy.toxics.list().map(toxicJson),
  };
}
