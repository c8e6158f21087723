import { parseHostPort } from './host-port.ts';
import { JsonSyntaxError, parseLocatedJson, type JsonPosition, type LocatedValue } from './located-json.ts';
import type { ProxyConfig } from './proxy-server.ts';

const KEYS = ['name', 'listen', 'upstream', 'enabled'];

function describe(value: LocatedValue): string {
  if (value.kind === 'string') return JSON.stringify(value.value);
  if (value.kind === 'number' || value.kind === 'boolean') return String(value.value);
  return value.kind === 'null' ? 'null' : `an ${value.kind}`;
}

/**
 * Parses a proxies file, the format of `faultline proxy --config` and Toxiproxy's `-config`:
 *
 *     file  = "[" [ proxy *( "," proxy ) ] "]"        (strict JSON)
 *     proxy = { "name": non-empty string, "listen": "host:port", "upstream": "host:port",
 *               "enabled"?: true | false }              (enabled defaults to true)
 *
 * `host:port` as in Toxiproxy: IPv6 hosts in brackets, an empty host = every interface (listen)
 * or this machine (upstream); listen port 0–65535 (0 = ephemeral), upstream port 1–65535.
 * Names must be unique; unknown keys are refused (they are usually typos). Pure. Throws an Error
 * listing every problem, one per line, each as `file:line:col: what was expected`, e.g.
 * `proxies.json:3:5: expected "upstream" (a host:port string)`.
 */
export function parseProxyConfig(text: string, fileName: string): ProxyConfig[] {
  const where = (at: JsonPosition) => `${fileName}:${at.line}:${at.column}`;
  let root: LocatedValue;
  try {
    root = parseLocatedJson(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new Error(`${where(error.at)}: invalid JSON: ${error.message}`);
    throw error;
  }
  if (root.kind !== 'array') {
    throw new Error(
      `${where(root.at)}: expected a JSON array of proxies ([{"name", "listen", "upstream"}, …]), found ${describe(root)}`,
    );
  }
  const problems: string[] = [];
  const seen = new Map<string, JsonPosition>();
  const proxies = root.items.map((item) => {
    const proxy = proxyOf(item, (at, message) => problems.push(`${where(at)}: ${message}`));
    const nameAt = item.kind === 'object' ? item.entries.find((e) => e.key === 'name')?.value.at : undefined;
    const first = seen.get(proxy.name);
    if (first && nameAt)
      problems.push(
        `${where(nameAt)}: duplicate proxy name ${JSON.stringify(proxy.name)} (first at line ${first.line})`,
      );
    if (proxy.name !== '' && nameAt && !first) seen.set(proxy.name, nameAt);
    return proxy;
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return proxies;
}

type Report = (at: JsonPosition, message: string) => void;

function proxyOf(item: LocatedValue, report: Report): ProxyConfig {
  const proxy: ProxyConfig = { name: '', listen: '', upstream: '' };
  if (item.kind !== 'object') {
    report(
      item.at,
      `expected a proxy object {"name", "listen", "upstream", "enabled"?}, found ${describe(item)}`,
    );
    return proxy;
  }
  const keys = new Set<string>();
  for (const { key, keyAt, value } of item.entries) {
    if (!KEYS.includes(key)) report(keyAt, `unknown key ${JSON.stringify(key)}; allowed: ${KEYS.join(', ')}`);
    else if (keys.has(key)) report(keyAt, `duplicate key ${JSON.stringify(key)}`);
    keys.add(key);
    if (key === 'enabled') {
      if (value.kind === 'boolean') proxy.enabled = value.value;
      else report(value.at, `"enabled": expected true or false, found ${describe(value)}`);
    } else if (key === 'name' || key === 'listen' || key === 'upstream') {
      proxy[key] = checkField(key, value, report);
    }
  }
  if (!keys.has('name')) report(item.at, 'expected "name" (a non-empty string)');
  if (!keys.has('listen')) report(item.at, 'expected "listen" (a host:port string, e.g. "127.0.0.1:25432")');
  if (!keys.has('upstream')) report(item.at, 'expected "upstream" (a host:port string)');
  return proxy;
}

function checkField(key: 'name' | 'listen' | 'upstream', value: LocatedValue, report: Report): string {
  const text = value.kind === 'string' ? value.value : undefined;
  if (key === 'name') {
    if (!text) report(value.at, `"name": expected a non-empty string, found ${describe(value)}`);
    return text ?? '';
  }
  const address = text === undefined || text === '' ? undefined : parseHostPort(text);
  const minPort = key === 'listen' ? 0 : 1;
  if (!address || address.port < minPort) {
    report(
      value.at,
      `"${key}": expected a host:port string (port ${minPort}–65535, IPv6 host in brackets), found ${describe(value)}`,
    );
  }
  return text ?? '';
}
