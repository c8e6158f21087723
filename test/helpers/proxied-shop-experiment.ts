import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface ProxiedShopOptions {
  readonly name: string;
  readonly latency: string;
  /** Toxiproxy API of a server the test runs; omitted → the embedded proxy. */
  readonly toxiproxyUrl?: string;
  readonly duration?: string;
  readonly faultFor?: string;
}

/**
 * Writes an experiment in which the demo shop reaches inventory through a Toxiproxy proxy named
 * `inventory` (declared in the file) and a latency fault slows inventory's answers.
 */
export async function writeProxiedShopExperiment(
  dir: string,
  o: ProxiedShopOptions,
): Promise<{ file: string; proxyListen: string }> {
  const [shop, inventory, proxy] = [await freePort(), await freePort(), await freePort()];
  const repo = process.cwd();
  const text = `version: 1
name: ${o.name}
targets:
  inventory: { process: { command: node ${repo}/demo/inventory.mjs, env: { PORT: "${inventory}" }, ready: "tcp://127.0.0.1:${inventory}" } }
  shop: { process: { command: node ${repo}/demo/shop.mjs, env: { PORT: "${shop}", INVENTORY: "127.0.0.1:${proxy}", DEPENDENCY_TIMEOUT_MS: "3000" }, ready: "http://127.0.0.1:${shop}/health" } }
  link: { proxy: inventory, probe: "http://127.0.0.1:${shop}/products" }
toxiproxy:
${o.toxiproxyUrl ? `  url: ${o.toxiproxyUrl}\n` : ''}  proxies:
    - { name: inventory, listen: "127.0.0.1:${proxy}", upstream: "127.0.0.1:${inventory}" }
load:
  url: http://127.0.0.1:${shop}
  requests: [{ path: /products }]
  rate: 100
  duration: ${o.duration ?? '16s'}
  timeout: 2s
slos:
  window: 1s
  objectives:
    - { name: availability, success: { at-least: 99% } }
    - { name: p99, latency: { percentile: 99, below: 300ms } }
hypothesis: { warmup: 1s, baseline: 4s, after: 4s }
faults:
  - { name: slow-inventory, target: link, type: latency, latency: ${o.latency}, stream: downstream, at: 6s, for: ${o.faultFor ?? '4s'} }
`;
  const file = join(dir, `${o.name}.yaml`);
  writeFileSync(file, text);
  return { file, proxyListen: `127.0.0.1:${proxy}` };
}
