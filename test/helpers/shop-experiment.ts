import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface ShopExperimentOptions {
  readonly name: string;
  readonly objectives: string;
  readonly faults?: string;
  readonly rate?: number;
  readonly duration?: string;
  readonly hypothesis?: string;
  readonly timeout?: string;
  /** Extra environment of the shop, such as WORKERS and SERVICE_MS (its capacity). */
  readonly shopEnv?: Readonly<Record<string, string>>;
}

/**
 * Writes an experiment against the demo shop (as a process target with its inventory) on free
 * ports into `dir`, and returns its path. Absolute paths, so it runs from any folder.
 */
export async function writeShopExperiment(dir: string, o: ShopExperimentOptions): Promise<string> {
  const [shop, inventory] = [await freePort(), await freePort()];
  const repo = process.cwd();
  const extraEnv = Object.entries(o.shopEnv ?? {})
    .map(([k, v]) => `, ${k}: "${v}"`)
    .join('');
  const text = `version: 1
name: ${o.name}
targets:
  inventory: { process: { command: node ${repo}/demo/inventory.mjs, env: { PORT: "${inventory}" }, ready: "tcp://127.0.0.1:${inventory}" } }
  shop: { process: { command: node ${repo}/demo/shop.mjs, env: { PORT: "${shop}", INVENTORY: "127.0.0.1:${inventory}"${extraEnv} }, ready: "http://127.0.0.1:${shop}/health" } }
load:
  url: http://127.0.0.1:${shop}
  requests: [{ path: /products }]
  rate: ${o.rate ?? 200}
  duration: ${o.duration ?? '16s'}
  timeout: ${o.timeout ?? '1s'}
slos:
  window: 1s
  objectives:
${o.objectives}
hypothesis:
${o.hypothesis ?? '  warmup: 1s\n  baseline: 4s\n  after: 4s'}
faults:
${o.faults ?? '  []'}
`;
  const file = join(dir, `${o.name}.yaml`);
  writeFileSync(file, text);
  return file;
}
